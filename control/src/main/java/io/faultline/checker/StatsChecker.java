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
 * per f. Every run has it. An f that never once succeeded, or a history in which nothing completed, tested
 * nothing: the answer is unknown, never valid — and not invalid either, since failing is no anomaly.
 * Operations that never completed are not counted.
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

        List<String> neverOk = byF.entrySet().stream().filter(f -> f.getValue().ok == 0).map(Map.Entry::getKey).toList();
        Map<String, Object> byFDetails = new LinkedHashMap<>();
        byF.forEach((f, counts) -> {
            Map<String, Object> shown = counts.toMap();
            shown.put("valid", counts.ok > 0);
            byFDetails.put(f, shown);
        });
        Map<String, Object> details = all.toMap();
        details.put("by-f", byFDetails);
        if (byF.isEmpty()) details.put("error", "no client operation completed: the system was never tested");
        if (!neverOk.isEmpty()) {
            details.put("error", "no " + String.join(" or ", neverOk) + " ever succeeded: the system was never tested");
        }
        return new CheckResult(details.containsKey("error") ? Verdict.UNKNOWN : Verdict.VALID, details);
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
