package io.faultline.checker.model;

import io.faultline.history.Values;
import java.util.Arrays;
import java.util.List;

/**
 * A FIFO queue: {@code enqueue v}; {@code dequeue} returns the head, or nil when empty. An indeterminate
 * dequeue removes the head (whatever it was) if it took effect.
 */
public final class FifoQueueModel implements Model {
    private static final int ENQUEUE = 0, DEQUEUE = 1;

    @Override
    public String name() {
        return "fifo-queue";
    }

    @Override
    public Object init() {
        return Contents.EMPTY;
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
                op.code = DEQUEUE;
                op.out = Values.normalize(op.value());
            }
            default -> throw new IllegalArgumentException("model fifo-queue knows f enqueue, dequeue; found '" + op.f() + "'");
        }
        return true;
    }

    @Override
    public Object step(Object state, Operation op) {
        Contents queue = (Contents) state;
        if (op.code == ENQUEUE) return queue.append(op.arg);
        if (queue.items.length == 0) return !op.isOk() || op.out == null ? queue : INCONSISTENT;
        if (op.isOk() && !Values.same(queue.items[0], op.out)) return INCONSISTENT;
        return queue.dropHead();
    }

    @Override
    public long sizeOf(Object state) {
        return 48L + 8L * ((Contents) state).items.length;
    }

    @Override
    public Object describe(Object state) {
        return List.of(((Contents) state).items);
    }

    /** Immutable queue contents; copying is fine for the queue lengths seen in tests. */
    private static final class Contents {
        static final Contents EMPTY = new Contents(new Object[0]);
        final Object[] items;
        private final int hash;

        Contents(Object[] items) {
            this.items = items;
            this.hash = Arrays.hashCode(items);
        }

        Contents append(Object v) {
            Object[] next = Arrays.copyOf(items, items.length + 1);
            next[items.length] = v;
            return new Contents(next);
        }

        Contents dropHead() {
            return new Contents(Arrays.copyOfRange(items, 1, items.length));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Contents c && c.hash == hash && Arrays.equals(c.items, items);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
