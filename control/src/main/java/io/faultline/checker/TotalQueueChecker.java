package io.faultline.checker;

import io.faultline.history.Values;
import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's total-queue checker: what goes in must come out, once. Clients {@code enqueue} values and take them
 * out with {@code dequeue} (an ok dequeue of nil, or a failed one, found the queue empty) or {@code drain} (ok
 * value: every element taken). It holds only for histories that end by draining the queue. Values are
 * counted as a multiset, so a value enqueued twice must come out twice.
 * <ul>
 *   <li>lost: acknowledged enqueues that never came out;</li>
 *   <li>unexpected: values that came out but nobody tried to enqueue;</li>
 *   <li>duplicated: values that came out more often than enqueues of them were attempted (value → times
 *       dequeued);</li>
 *   <li>recovered: values that came out although their enqueue was not acknowledged.</li>
 * </ul>
 * {@code ok-count} is Jepsen's: values that came out and whose enqueue was attempted, recovered ones included.
 * Like Jepsen, an indeterminate dequeue is assumed to have taken nothing. Jepsen rejects an indeterminate
 * drain; here it only makes lost values inconclusive, since the drain may have taken them unseen.
 */
public final class TotalQueueChecker implements Checker {

    @Override
    public String name() {
        return "total-queue";
    }

    @Override
    public CheckResult check(History history) {
        return OpPairs.check(history, this::judge);
    }

    private CheckResult judge(List<Pair> pairs) {
        Map<Object, Long> attempted = new HashMap<>();
        Map<Object, Long> acknowledged = new HashMap<>();
        Map<Object, Long> dequeued = new HashMap<>();
        Pair indeterminateDrain = null;
        for (Pair op : pairs) {
            switch (op.f()) {
                case "enqueue" -> {
                    Object value = Values.normalize(op.value());
                    add(attempted, value, 1);
                    if (op.isOk()) add(acknowledged, value, 1);
                }
                case "dequeue" -> {
                    if (op.isOk() && op.value() != null) add(dequeued, Values.normalize(op.value()), 1);
                }
                case "drain" -> {
                    if (op.isIndeterminate() && indeterminateDrain == null) indeterminateDrain = op;
                    if (!op.isOk() || op.value() == null) continue;
                    if (!(op.value() instanceof Collection<?> drained)) {
                        return CheckResult.unknown("drain op " + op.completion().index() + " returned "
                                + op.value() + ", not a list of elements");
                    }
                    for (Object value : drained) add(dequeued, Values.normalize(value), 1);
                }
                default -> { }
            }
        }

        long okCount = 0;
        Map<Object, Long> lost = new HashMap<>();
        Map<Object, Long> unexpected = new HashMap<>();
        Map<Object, Long> duplicated = new HashMap<>();
        Map<Object, Long> recovered = new HashMap<>();
        acknowledged.forEach((value, times) -> add(lost, value, times - dequeued.getOrDefault(value, 0L)));
        for (Map.Entry<Object, Long> out : dequeued.entrySet()) {
            Object value = out.getKey();
            long times = out.getValue();
            long tries = attempted.getOrDefault(value, 0L);
            if (tries == 0) add(unexpected, value, times);
            else if (times > tries) duplicated.put(value, times);
            long okTimes = Math.min(times, tries);
            okCount += okTimes;
            add(recovered, value, okTimes - acknowledged.getOrDefault(value, 0L));
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt-count", size(attempted));
        details.put("acknowledged-count", size(acknowledged));
        details.put("ok-count", okCount);
        details.put("lost-count", size(lost));
        details.put("unexpected-count", size(unexpected));
        details.put("duplicated-count", duplicated.size());
        details.put("recovered-count", size(recovered));
        details.put("lost", expand(lost));
        details.put("unexpected", expand(unexpected));
        details.put("duplicated", sortedByKey(duplicated));
        details.put("recovered", expand(recovered));

        if (!unexpected.isEmpty() || !duplicated.isEmpty()) return new CheckResult(Verdict.INVALID, details);
        if (lost.isEmpty()) return new CheckResult(Verdict.VALID, details);
        if (indeterminateDrain == null) return new CheckResult(Verdict.INVALID, details);
        details.put("error", "lost values may have been taken by the indeterminate drain op "
                + indeterminateDrain.invoke().index());
        return new CheckResult(Verdict.UNKNOWN, details);
    }

    /** Adds {@code times} occurrences; a count that is not positive adds nothing, which keeps differences simple. */
    private static void add(Map<Object, Long> multiset, Object value, long times) {
        if (times > 0) multiset.merge(value, times, Long::sum);
    }

    private static long size(Map<Object, Long> multiset) {
        return multiset.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The multiset as a sorted list with each value repeated as often as it occurs. */
    private static List<Object> expand(Map<Object, Long> multiset) {
        List<Object> values = new ArrayList<>();
        for (Object value : Values.sorted(multiset.keySet())) {
            for (long i = 0; i < multiset.get(value); i++) values.add(value);
        }
        return values;
    }

    private static Map<Object, Long> sortedByKey(Map<Object, Long> counts) {
        Map<Object, Long> sorted = new LinkedHashMap<>();
        for (Object value : Values.sorted(counts.keySet())) sorted.put(value, counts.get(value));
        return sorted;
    }
}
