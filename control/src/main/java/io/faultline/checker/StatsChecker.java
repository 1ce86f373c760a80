package io.faultline.checker;

import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;
import io.faultline.history.Op;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jepsen's stats checker: how many client operations completed ok, failed or were indeterminate, overall and
 * per f. An f that never once succeeded makes the history invalid, as in Jepsen: such a run tested nothing
 * about that f. Operations that never completed are not counted.
 */
public final class StatsChecker implements Checker {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public CheckResult check(History history) {
        return OpPairs.check(history, this::judge);
    }

    private CheckResult judge(List<Pair> pairs) {
        Counts all = new Counts();
        Map<String, Counts> byF = new TreeMap<>();
        for (Pair op : pairs) {
            if (op.completion() == null) continue;
            all.count(op.completion());
            byF.computeIfAbsent(op.f(), f -> new Counts()).count(op.completion());
        }

        Verdict verdict = Verdict.VALID;
        Map<String, Object> byFDetails = new LinkedHashMap<>();
        for (Map.Entry<String, Counts> f : byF.entrySet()) {
            boolean succeeded = f.getValue().ok > 0;
            Map<String, Object> counts = f.getValue().toMap();
            counts.put("valid", succeeded);
            byFDetails.put(f.getKey(), counts);
            verdict = verdict.and(Verdict.of(succeeded));
        }
        Map<String, Object> details = all.toMap();
        details.put("by-f", byFDetails);
        return new CheckResult(verdict, details);
    }

    private static final class Counts {
        long ok;
        long fail;
        long info;

        void count(Op completion) {
            switch (completion.type()) {
                case OK -> ok++;
                case FAIL -> fail++;
                case INFO -> info++;
                default -> throw new IllegalStateException("not a completion: " + completion);
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("count", ok + fail + info);
            map.put("ok-count", ok);
            map.put("fail-count", fail);
            map.put("info-count", info);
            return map;
        }
    }
}
