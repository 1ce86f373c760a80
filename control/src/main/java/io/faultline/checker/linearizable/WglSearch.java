package io.faultline.checker.linearizable;

import io.faultline.checker.model.Model;
import io.faultline.checker.model.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * at the end of the list and the search succeeds as soon as every completed operation is linearized. They
 * are what makes real histories hard, so three rules cut them down without losing a linearization:
 * <ul>
 * <li><b>Only where observed.</b> If a linearization places an indeterminate op w, and the op right after it
 * behaves the same with or without w, then w can be dropped (an indeterminate op may never happen) and what
 * follows is unchanged. So some linearization, if any exists, places every indeterminate op right before
 * an op that w changes: the search places one only there. A blind write followed by another blind write is
 * never tried; configurations in the middle of such a pair are not memoised, as they are constrained.</li>
 * <li><b>Twins are one.</b> Indeterminate ops with the same effect, both invoked and free to go, are
 * interchangeable: an op is not a candidate while its earlier twin is, so the memo does not tell apart
 * configurations that differ only in which twin was placed.</li>
 * <li><b>A process is sequential.</b> Intervals widened by the clock uncertainty can make a process's next
 * op start before its previous one ended on the timeline; the agent saw them in order, so the later one is
 * not a candidate until the earlier one is linearized.</li>
 * </ul>
 *
 * <p>Hot-loop choices: entries are ints (call of op i = 2i, return = 2i+1) in int arrays; the linearized set
 * is a {@link LinearizedSet} hashed incrementally with Zobrist keys, so testing a configuration copies nothing.
 */
final class WglSearch {
    private static final int BUDGET_CHECK_INTERVAL = 4096;
    private static final int NONE = -1;

    private final Model model;
    /** Determinate ops first, in the order of their returns; then the indeterminate ones (see {@link LinearizedSet}). */
    private final Operation[] ops;
    private final int determinate;
    private final int head;
    private final int tail;
    private final int[] next;
    private final int[] prev;
    /** The op of the same process that must be linearized first, where the timeline alone does not say so. */
    private final int[] after;
    /** For an indeterminate op, the earlier indeterminate op with the same effect, else NONE. */
    private final int[] twin;

    private long configurations;

    /** @param ops the partition's operations, already prepared by {@code model}, in history order */
    WglSearch(Model model, List<Operation> ops, boolean byTime) {
        this.model = model;
        int n = ops.size();
        this.head = 2 * n;
        this.tail = 2 * n + 1;
        this.next = new int[2 * n + 2];
        this.prev = new int[2 * n + 2];
        long[] callTimes = new long[n];
        long[] returnTimes = new long[n];
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            callTimes[i] = byTime ? op.invoke.time() : op.invokeAt;
            returnTimes[i] = op.isIndeterminate() ? Long.MAX_VALUE : byTime ? op.completion.time() : op.completionAt;
        }
        // Determinate ops by return (ties: by call, then history order), then indeterminate ones by call.
        int[] numbering = IntOrder.sort(identity(n), (a, b) -> {
            int c = Long.compare(returnTimes[a], returnTimes[b]);
            if (c == 0) c = Long.compare(callTimes[a], callTimes[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        this.ops = new Operation[n];
        long[] calls = new long[n];
        long[] returns = new long[n];
        int determinateOps = 0;
        for (int i = 0; i < n; i++) {
            this.ops[i] = ops.get(numbering[i]);
            calls[i] = callTimes[numbering[i]];
            returns[i] = returnTimes[numbering[i]];
            if (!this.ops[i].isIndeterminate()) determinateOps++;
        }
        this.determinate = determinateOps;
        int[] position = link(order(calls, returns));
        this.after = processOrder(position);
        this.twin = twins(position);
    }

    /**
     * Entries in time order; a call and a return at the same instant count as concurrent (call first). Ops are
     * numbered by return already, so calls sorted by time merged with returns in number order is the list.
     */
    private int[] order(long[] calls, long[] returns) {
        int n = calls.length;
        int[] callOrder = IntOrder.sort(identity(n), (a, b) -> {
            int c = Long.compare(calls[a], calls[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[2 * n];
        int c = 0, r = 0, k = 0;
        while (c < n || r < n) {
            // A call at the same instant as a return goes first: the two are concurrent.
            if (r == n || c < n && calls[callOrder[c]] <= returns[r]) order[k++] = 2 * callOrder[c++];
            else order[k++] = 2 * r++ + 1;
        }
        return order;
    }

    private static int[] identity(int n) {
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) numbers[i] = i;
        return numbers;
    }

    /** Links the entries in {@code order}; returns each entry's position in it. */
    private int[] link(int[] order) {
        int[] position = new int[order.length];
        int last = head;
        for (int i = 0; i < order.length; i++) {
            int e = order[i];
            position[e] = i;
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = tail;
        prev[tail] = last;
        return position;
    }

    private int[] processOrder(int[] position) {
        int n = ops.length;
        int[] mustFollow = new int[n];
        Arrays.fill(mustFollow, NONE);
        int[] byProcess = IntOrder.sort(identity(n), (a, b) -> {
            int c = Integer.compare(ops[a].invoke.process(), ops[b].invoke.process());
            return c != 0 ? c : Integer.compare(ops[a].invokeAt, ops[b].invokeAt);
        });
        int previous = NONE;
        for (int op : byProcess) {
            if (previous != NONE && ops[previous].invoke.process() != ops[op].invoke.process()) previous = NONE;
            // Only where widening made them overlap: otherwise the list already orders them.
            if (previous != NONE && position[2 * op] < position[2 * previous + 1]) mustFollow[op] = previous;
            if (!ops[op].isIndeterminate()) previous = op;
        }
        return mustFollow;
    }

    private int[] twins(int[] position) {
        int n = ops.length;
        int[] earlier = new int[n];
        Arrays.fill(earlier, NONE);
        Map<List<Object>, Integer> lastOfKind = new HashMap<>();
        int[] byCall = new int[n - determinate];
        for (int i = determinate; i < n; i++) byCall[i - determinate] = i;
        byCall = IntOrder.sort(byCall, (a, b) -> Integer.compare(position[2 * a], position[2 * b]));
        for (int op : byCall) {
            Operation o = ops[op];
            Integer previous = lastOfKind.put(Arrays.asList(o.code, o.arg, o.arg2, o.out), op);
            if (previous != null) earlier[op] = previous;
        }
        return earlier;
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
        if (determinate == 0) return Outcome.LINEARIZABLE;
        Outcome outcome = Outcome.NOT_LINEARIZABLE;
        for (Object initial : model.initialStates()) {
            outcome = runFrom(initial, budget, maxConfigurations, prefix);
            if (outcome != Outcome.NOT_LINEARIZABLE) return outcome;
        }
        return outcome;
    }

    private Outcome runFrom(Object initial, Budget budget, long maxConfigurations, Prefix prefix) {
        StateCache cache = new StateCache(ops.length);
        LinearizedSet linearized = new LinearizedSet(ops.length, determinate);
        int[] stackOps = new int[ops.length];
        int[] stackFloors = new int[ops.length];
        boolean[] stackForced = new boolean[ops.length];
        Object[] stackStates = new Object[ops.length];
        int depth = 0;
        Object state = initial;
        int forced = readyRead(state, linearized, NONE);
        int entry = forced == NONE ? next[head] : 2 * forced;
        int steps = 0;
        long cachedBytes = 0;
        long reportedBytes = 0;
        int unchangedBelow = 0;
        if (prefix != null && prefix.search != this) prefix.record(stackOps, 0, 0, state, this);
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
                    Object next = candidate(op, state, linearized, depth == 0 ? NONE : stackOps[depth - 1],
                            depth == 0 ? null : stackStates[depth - 1]);
                    if (next != Model.INCONSISTENT) {
                        int floor = linearized.add(op);
                        boolean indeterminate = op >= determinate;
                        if (indeterminate || cache.add(linearized.hash(), next, linearized)) {
                            if (!indeterminate) cachedBytes += 48 + linearized.signatureBytes() + model.sizeOf(next);
                            stackOps[depth] = op;
                            stackFloors[depth] = floor;
                            stackStates[depth] = state;
                            stackForced[depth] = op == forced;
                            depth++;
                            state = next;
                            lift(entry);
                            if (linearized.complete()) return Outcome.LINEARIZABLE;
                            if (prefix != null && depth > prefix.length()) {
                                prefix.record(stackOps, unchangedBelow, depth, state, this);
                                unchangedBelow = depth;
                            }
                            forced = readyRead(state, linearized, op);
                            entry = forced == NONE ? this.next[head] : 2 * forced;
                            continue;
                        }
                        linearized.remove(op, floor);
                    }
                    // A read that fitted was the only choice here: if its configuration was explored, so was this one.
                    entry = op == forced ? tail : this.next[entry];
                    forced = NONE;
                } else {
                    if (depth == 0) return Outcome.NOT_LINEARIZABLE;
                    depth--;
                    unchangedBelow = Math.min(unchangedBelow, depth);
                    int op = stackOps[depth];
                    state = stackStates[depth];
                    stackStates[depth] = null;
                    linearized.remove(op, stackFloors[depth]);
                    unlift(2 * op);
                    // Past a read taken as the only choice, nothing else is tried: back up further.
                    entry = stackForced[depth] ? tail : this.next[2 * op];
                    forced = NONE;
                }
            }
        } finally {
            configurations += cache.size();
            budget.release(reportedBytes);
            // Put back what is still lifted, newest first, so the list is whole for another run.
            while (depth > 0) unlift(2 * stackOps[--depth]);
        }
    }

    /**
     * A read-only op that fits the state now, if any (and if {@code last} leaves the choice free): taking it
     * first loses nothing. A read consistent now is consistent at any later point where it might go, since
     * the state is the same there, and moving it earlier breaks no real-time order, as its call is in the
     * frontier. So the search takes it and tries nothing else at this point.
     */
    private int readyRead(Object state, LinearizedSet linearized, int last) {
        if (last >= determinate) return NONE;
        for (int e = next[head]; (e & 1) == 0; e = next[e]) {
            int op = e >>> 1;
            if (op < determinate && model.readOnly(ops[op]) && available(op, linearized)
                    && model.step(state, ops[op]) != Model.INCONSISTENT) {
                return op;
            }
        }
        return NONE;
    }

    /**
     * The state after linearizing {@code op} now, or INCONSISTENT where the model or one of the three rules
     * (see the class comment) rules it out. {@code last} is the op linearized last and {@code beforeLast} the
     * state before it.
     */
    private Object candidate(int op, Object state, LinearizedSet linearized, int last, Object beforeLast) {
        if (!available(op, linearized)) return Model.INCONSISTENT;
        boolean indeterminate = op >= determinate;
        if (indeterminate && twin[op] != NONE && available(twin[op], linearized)) return Model.INCONSISTENT;
        Object next = model.step(state, ops[op]);
        if (next == Model.INCONSISTENT) return next;
        if (indeterminate && Objects.equals(next, state)) return Model.INCONSISTENT;
        if (last >= determinate && same(model.step(beforeLast, ops[op]), next)) return Model.INCONSISTENT;
        return next;
    }

    /** An op whose call is in the frontier may be linearized now, as far as its process is concerned. */
    private boolean available(int op, LinearizedSet linearized) {
        return !linearized.contains(op) && (after[op] == NONE || linearized.contains(after[op]));
    }

    private static boolean same(Object a, Object b) {
        return a == b || a != Model.INCONSISTENT && b != Model.INCONSISTENT && Objects.equals(a, b);
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

    /**
     * The operations that could come after {@code linearized}: calls before the first return, and that
     * return's operation. The list without a set of ops is the same whatever order they were lifted in, so
     * it is rebuilt here rather than recorded at every step of the search.
     */
    private void frontier(int[] linearized, int length, List<Operation> candidates, Operation[] blocking) {
        for (int i = 0; i < length; i++) lift(2 * linearized[i]);
        try {
            for (int e = next[head]; e != tail; e = next[e]) {
                if ((e & 1) == 1) {
                    blocking[0] = ops[e >>> 1];
                    return;
                }
                candidates.add(ops[e >>> 1]);
            }
        } finally {
            for (int i = length - 1; i >= 0; i--) unlift(2 * linearized[i]);
        }
    }

    /** The longest linearizable prefix seen by a search, and where it got stuck. */
    static final class Prefix {
        private int[] linearized = new int[16];
        private WglSearch search;
        private Object state;
        private List<Operation> candidates;
        private Operation blocking;
        private int length;

        int length() {
            return length;
        }

        /** Records the stack; its entries below {@code from} are the same as at the last record. */
        void record(int[] stackOps, int from, int depth, Object state, WglSearch search) {
            this.length = depth;
            this.search = search;
            this.state = state;
            this.candidates = null;
            if (linearized.length < depth) linearized = Arrays.copyOf(linearized, Math.max(depth, 2 * linearized.length));
            System.arraycopy(stackOps, from, linearized, from, depth - from);
        }

        List<Operation> linearized() {
            List<Operation> shown = new ArrayList<>(length);
            for (int i = 0; i < length; i++) shown.add(search.ops[linearized[i]]);
            return shown;
        }

        Object state() {
            return search == null ? null : search.model.describe(state);
        }

        /** The model's own state after the prefix, as the search holds it. */
        Object rawState() {
            return state;
        }

        /** The candidates that cannot take effect after the prefix (asked once the search has ended). */
        List<Operation> candidates() {
            if (candidates == null) {
                candidates = new ArrayList<>();
                Operation[] blocked = new Operation[1];
                search.frontier(linearized, length, candidates, blocked);
                blocking = blocked[0];
            }
            return candidates;
        }

        boolean refusedByModel(Operation op) {
            return search.model.step(state, op) == Model.INCONSISTENT;
        }

        /** The completed op that had to be linearized next but could not be, if any. */
        Operation blocking() {
            candidates();
            return blocking;
        }
    }
}
