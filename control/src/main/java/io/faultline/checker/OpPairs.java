package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client operations of a history: each invocation paired with its completion. A Jepsen process runs one
 * operation at a time, so the next completion of a process completes its pending invocation. Nemesis ops are
 * left out.
 */
public final class OpPairs {

    /** Position of a completion that never came. */
    public static final int NONE = -1;

    private OpPairs() {
    }

    /**
     * One client operation. Positions are indexes into the history's op list, which is in time order, so
     * they are what "before" and "after" compare.
     *
     * @param completion null while the operation never completed
     * @param completionAt {@link #NONE} while the operation never completed
     */
    public record Pair(Op invoke, int invokeAt, Op completion, int completionAt) {

        public String f() {
            return invoke.f();
        }

        public boolean isOk() {
            return completion != null && completion.type() == OpType.OK;
        }

        /** Definitely did not take effect. */
        public boolean isFail() {
            return completion != null && completion.type() == OpType.FAIL;
        }

        /** Info or never completed: it may take effect at any time after its invocation, or never. */
        public boolean isIndeterminate() {
            return completion == null || completion.type() == OpType.INFO;
        }

        /**
         * What the operation was about: an ok completion's value where it has one (reads, dequeues and
         * generated ids are only known on completion), otherwise the invocation's.
         */
        public Object value() {
            return isOk() && completion.value() != null ? completion.value() : invoke.value();
        }
    }

    /**
     * Pairs the client ops of {@code history}, in order of invocation. An invocation followed by another of
     * the same process before any completion stays without completion: its outcome was never recorded.
     *
     * @throws IllegalArgumentException for a completion without a pending invocation of its process, or of
     *         another f, naming the op: such a history cannot be judged
     */
    public static List<Pair> of(History history) {
        List<Pair> pairs = new ArrayList<>();
        Map<Integer, Integer> pendingByProcess = new HashMap<>();
        for (int at = 0; at < history.size(); at++) {
            Op op = history.get(at);
            if (op.isNemesis()) continue;
            if (op.isInvoke()) {
                pendingByProcess.put(op.process(), pairs.size());
                pairs.add(new Pair(op, at, null, NONE));
                continue;
            }
            Integer pending = pendingByProcess.remove(op.process());
            if (pending == null) {
                throw new IllegalArgumentException("op " + op.index() + " (" + op + ") completes nothing: process "
                        + op.process() + " has no pending invocation");
            }
            Pair invoked = pairs.get(pending);
            if (!invoked.f().equals(op.f())) {
                throw new IllegalArgumentException("op " + op.index() + " (" + op + ") completes op "
                        + invoked.invoke().index() + " (" + invoked.invoke() + ") of another f");
            }
            pairs.set(pending, new Pair(invoked.invoke(), invoked.invokeAt(), op, at));
        }
        return pairs;
    }

    /** Pairs the history and judges the pairs; a history that cannot be paired is judged unknown. */
    static CheckResult check(History history, Function<List<Pair>, CheckResult> judge) {
        List<Pair> pairs;
        try {
            pairs = of(history);
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown(e.getMessage());
        }
        return judge.apply(pairs);
    }
}
