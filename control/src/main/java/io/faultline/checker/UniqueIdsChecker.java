package io.faultline.checker;

import io.faultline.history.Values;
import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's unique-ids checker: no two successful {@code generate} ops may return the same id. Shows the most
 * duplicated ids (id → times returned) and, for numeric ids, the range of ids returned.
 */
public final class UniqueIdsChecker implements Checker {
    private static final int DUPLICATES_SHOWN = 48;

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public CheckResult check(History history) {
        return OpPairs.check(history, this::judge);
    }

    private CheckResult judge(List<Pair> pairs) {
        long attempted = 0;
        long acknowledged = 0;
        // An ok generate without an id returned nothing that could clash, and JSON maps have no null key.
        Map<Object, Long> timesReturned = new HashMap<>();
        for (Pair op : pairs) {
            if (!op.f().equals("generate")) continue;
            attempted++;
            if (!op.isOk()) continue;
            acknowledged++;
            if (op.value() != null) timesReturned.merge(Values.normalize(op.value()), 1L, Long::sum);
        }

        List<Map.Entry<Object, Long>> duplicates = timesReturned.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<Object, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry::getKey, Values.ORDER))
                .toList();
        Map<Object, Long> shown = new LinkedHashMap<>();
        duplicates.stream()
                .limit(DUPLICATES_SHOWN)
                .sorted(Map.Entry.comparingByKey(Values.ORDER))
                .forEach(e -> shown.put(e.getKey(), e.getValue()));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempted-count", attempted);
        details.put("acknowledged-count", acknowledged);
        details.put("duplicated-count", duplicates.size());
        details.put("duplicated", shown);
        if (!timesReturned.isEmpty() && timesReturned.keySet().stream().allMatch(id -> id instanceof Number)) {
            details.put("range", List.of(timesReturned.keySet().stream().min(Values.ORDER).orElseThrow(),
                    timesReturned.keySet().stream().max(Values.ORDER).orElseThrow()));
        }
        return new CheckResult(Verdict.of(duplicates.isEmpty()), details);
    }
}
