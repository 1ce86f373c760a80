package io.faultline.checker.linearizable;

import io.faultline.checker.model.Model;
import io.faultline.checker.model.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wing–Gong–Lowe linearizability search over one partition (one independent key), as in Porcupine.
 *
 * <p>The history is a doubly linked list of call and return entries in time order. The search walks it:
 * at a call it tries to linearize that operation now (the model accepts it and the resulting configuration
 * is new), which lifts the call and its return out of the list and restarts from the head; at a return it
 * has met an operation that had to be linearized already, so it backtracks, undoing the last choice and
 * trying the next candidate after it. Memoising configurations (set of linearized operations, model state)
 * makes it finish on histories whose naive search is exponential.
 *
 * <p>Indeterminate operations may take effect at any point after their call, or never: their returns sit
 * at the end of the list and the search succeeds as soon as every completed operation is linearized.
 *
 * <p>Hot-loop choices: entries are ints (call of op i = 2i, return = 2i+1) in int arrays; the linearized set
 * is a long[] bitset hashed incrementally with Zobrist keys, so testing a configuration copies nothing.
 */
final class WglSearch {
    private static final int BUDGET_CHECK_INTERVAL = 4096;

    private final Model model;
    private final Operation[] ops;
    private final int head;
    private final int tail;
    private final int[] next;
    private final int[] prev;
    private final long[] zobrist;
    private final int completedCount;

    private long configurations;

    /** @param ops the partition's operations, already prepared by {@code model}, in history order */
    WglSearch(Model model, List<Operation> ops, boolean byTime) {
        this.model = model;
        this.ops = ops.toArray(new Operation[0]);
        int n = this.ops.length;
        this.head = 2 * n;
        this.tail = 2 * n + 1;
        this.next = new int[2 * n + 2];
        this.prev = new int[2 * n + 2];
        this.zobrist = new long[n];
        SplittableRandom random = new SplittableRandom(0x5EEDL);
        int completed = 0;
        for (int i = 0; i < n; i++) {
            zobrist[i] = random.nextLong();
            if (!this.ops[i].isIndeterminate()) completed++;
        }
        this.completedCount = completed;
        link(order(byTime));
    }

    /** Entries in time order; a call and a return at the same instant count as concurrent (call first). */
    private int[] order(boolean byTime) {
        int n = ops.length;
        long[] keys = new long[2 * n];
        for (int i = 0; i < n; i++) {
            Operation op = ops[i];
            keys[2 * i] = byTime ? op.invoke.time() : op.invokeAt;
            keys[2 * i + 1] = op.isIndeterminate() ? Long.MAX_VALUE : byTime ? op.completion.time() : op.completionAt;
        }
        Integer[] entries = new Integer[2 * n];
        for (int e = 0; e < 2 * n; e++) entries[e] = e;
        Arrays.sort(entries, (a, b) -> {
            int byKey = Long.compare(keys[a], keys[b]);
            if (byKey != 0) return byKey;
            int callsFirst = Integer.compare(a & 1, b & 1);
            return callsFirst != 0 ? callsFirst : Integer.compare(a, b);
        });
        int[] order = new int[2 * n];
        for (int i = 0; i < order.length; i++) order[i] = entries[i];
        return order;
    }

    private void link(int[] order) {
        int last = head;
        for (int e : order) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = tail;
        prev[tail] = last;
    }

    int size() {
        return ops.length;
    }

    /** Configurations cached over every run of this search. */
    long configurations() {
        return configurations;
    }

    /** How a search ended. */
    enum Outcome {
        LINEARIZABLE, NOT_LINEARIZABLE,
        /** Explored more configurations than this round allows; may run again with a larger cap. */
        OVER_CAP,
        /** The check's time or memory ran out, or another part already decided it. */
        OUT_OF_BUDGET
    }

    /**
     * Decides the partition, exploring at most about {@code maxConfigurations}. With {@code prefix} non-null,
     * records the longest linearizable prefix into it. Leaves the search ready to run again.
     */
    Outcome run(Budget budget, long maxConfigurations, Prefix prefix) {
        if (completedCount == 0) return Outcome.LINEARIZABLE;
        StateCache cache = new StateCache(ops.length);
        long[] linearized = new long[(ops.length + 63) >>> 6];
        long entryBytes = 48L + 8L * linearized.length;
        int[] stackOps = new int[ops.length];
        Object[] stackStates = new Object[ops.length];
        int depth = 0;
        int remaining = completedCount;
        long setHash = 0;
        Object state = model.init();
        int entry = next[head];
        int steps = 0;
        long cachedBytes = 0;
        long reportedBytes = 0;
        if (prefix != null) prefix.record(stackOps, 0, state, this);
        try {
            while (true) {
                if (++steps == BUDGET_CHECK_INTERVAL) {
                    steps = 0;
                    if (cache.size() > maxConfigurations) return Outcome.OVER_CAP;
                    if (budget.exhausted(cachedBytes - reportedBytes)) return Outcome.OUT_OF_BUDGET;
                    reportedBytes = cachedBytes;
                }
                if ((entry & 1) == 0) {
                    int op = entry >>> 1;
                    Object after = model.step(state, ops[op]);
                    if (after != Model.INCONSISTENT) {
                        long bit = 1L << op;
                        linearized[op >>> 6] |= bit;
                        if (cache.add(setHash ^ zobrist[op], after, linearized)) {
                            cachedBytes += entryBytes + model.sizeOf(after);
                            stackOps[depth] = op;
                            stackStates[depth] = state;
                            depth++;
                            state = after;
                            setHash ^= zobrist[op];
                            lift(entry);
                            if (!ops[op].isIndeterminate() && --remaining == 0) return Outcome.LINEARIZABLE;
                            if (prefix != null && depth > prefix.length()) prefix.record(stackOps, depth, state, this);
                            entry = next[head];
                            continue;
                        }
                        linearized[op >>> 6] &= ~bit;
                    }
                    entry = next[entry];
                } else {
                    if (depth == 0) return Outcome.NOT_LINEARIZABLE;
                    depth--;
                    int op = stackOps[depth];
                    state = stackStates[depth];
                    stackStates[depth] = null;
                    setHash ^= zobrist[op];
                    linearized[op >>> 6] &= ~(1L << op);
                    if (!ops[op].isIndeterminate()) remaining++;
                    unlift(2 * op);
                    entry = next[2 * op];
                }
            }
        } finally {
            configurations += cache.size();
            budget.release(reportedBytes);
            // Put back what is still lifted, newest first, so the list is whole for another run.
            while (depth > 0) unlift(2 * stackOps[--depth]);
        }
    }

    private void lift(int call) {
        int ret = call | 1;
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    private void unlift(int call) {
        int ret = call | 1;
        next[prev[ret]] = ret;
        prev[next[ret]] = ret;
        next[prev[call]] = call;
        prev[next[call]] = call;
    }

    /** The operations that could come next: calls before the first return, and that return's operation. */
    private void frontier(List<Operation> candidates, Operation[] blocking) {
        for (int e = next[head]; e != tail; e = next[e]) {
            if ((e & 1) == 1) {
                blocking[0] = ops[e >>> 1];
                return;
            }
            candidates.add(ops[e >>> 1]);
        }
    }

    /** The longest linearizable prefix seen by a search, and where it got stuck. */
    static final class Prefix {
        private final List<Operation> linearized = new ArrayList<>();
        private Object state;
        private final List<Operation> candidates = new ArrayList<>();
        private Operation blocking;
        private Model model;
        private int length;

        int length() {
            return length;
        }

        void record(int[] stackOps, int depth, Object state, WglSearch search) {
            this.length = depth;
            this.model = search.model;
            this.state = state;
            linearized.clear();
            for (int i = 0; i < depth; i++) linearized.add(search.ops[stackOps[i]]);
            candidates.clear();
            Operation[] blocked = new Operation[1];
            search.frontier(candidates, blocked);
            blocking = blocked[0];
        }

        List<Operation> linearized() {
            return linearized;
        }

        Object state() {
            return model == null ? null : model.describe(state);
        }

        /** The candidates that cannot take effect after the prefix, each with whether the model refuses it outright. */
        List<Operation> candidates() {
            return candidates;
        }

        boolean refusedByModel(Operation op) {
            return model.step(state, op) == Model.INCONSISTENT;
        }

        Operation blocking() {
            return blocking;
        }
    }
}
