package io.faultline.checker.model;

import io.faultline.history.Values;
import java.util.HashMap;
import java.util.Map;

/**
 * A queue that promises no order: {@code dequeue} may return any element present (a multiset).
 *
 * <p>An indeterminate dequeue may have removed any one element; the search steps deterministically, so it
 * cannot branch on which. Both it and a dequeue that found the queue empty are therefore left out: an
 * element an indeterminate dequeue took is then simply never seen again, which no remaining operation
 * contradicts. The model stays sound (no false anomaly) at the price of not checking emptiness.
 */
public final class UnorderedQueueModel implements Model {
    private static final int ENQUEUE = 0, DEQUEUE = 1;

    @Override
    public String name() {
        return "unordered-queue";
    }

    @Override
    public Object init() {
        return Map.of();
    }

    @Override
    public boolean prepare(Operation op) {
        if (op.outcome == Operation.Outcome.FAIL) return false;
        switch (op.f()) {
            case "enqueue", "offer", "push" -> {
                op.code = ENQUEUE;
                op.arg = Values.normalize(op.value());
            }
            case "dequeue", "poll", "pop" -> {
                if (!op.isOk() || op.value() == null) return false;
                op.code = DEQUEUE;
                op.out = Values.normalize(op.value());
            }
            default -> throw new IllegalArgumentException("model unordered-queue knows f enqueue, dequeue; found '" + op.f() + "'");
        }
        return true;
    }

    @Override
    public long sizeOf(Object state) {
        return 48L + 40L * ((Map<?, ?>) state).size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object step(Object state, Operation op) {
        Map<Object, Integer> counts = (Map<Object, Integer>) state;
        if (op.code == ENQUEUE) {
            Map<Object, Integer> next = new HashMap<>(counts);
            next.merge(op.arg, 1, Integer::sum);
            return Map.copyOf(next);
        }
        Integer n = counts.get(op.out);
        if (n == null) return INCONSISTENT;
        Map<Object, Integer> next = new HashMap<>(counts);
        if (n == 1) next.remove(op.out);
        else next.put(op.out, n - 1);
        return Map.copyOf(next);
    }
}
