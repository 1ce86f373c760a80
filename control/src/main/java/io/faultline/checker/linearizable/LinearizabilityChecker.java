package io.faultline.checker.linearizable;

import io.faultline.history.Values;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.OpPairs;
import io.faultline.checker.Verdict;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Operation;
import io.faultline.history.History;
import io.faultline.history.Op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Checks that a history is linearizable with respect to a model.
 *
 * <p>Operations on different keys are independent objects, so the history is split by key
 * (P-compositionality) and the parts are searched in parallel; the first part found invalid stops the
 * others. Over the time or memory budget the answer is unknown, never a guess. An invalid answer comes
 * with a counterexample: the longest linearizable prefix of the failing part, the model state after it and
 * the operations that cannot be linearized next.
 */
public final class LinearizabilityChecker implements Checker {
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    private static final int PREFIX_SHOWN = 30;
    private static final long FIRST_ROUND_CONFIGURATIONS = 100_000;

    private final Model model;
    private final Duration timeLimit;
    private final long maxCacheBytes;

    public LinearizabilityChecker(Model model, Duration timeLimit) {
        this(model, timeLimit, Runtime.getRuntime().maxMemory() / 2);
    }

    public LinearizabilityChecker(Model model, Duration timeLimit, long maxCacheBytes) {
        this.model = model;
        this.timeLimit = timeLimit;
        this.maxCacheBytes = maxCacheBytes;
    }

    @Override
    public String name() {
        return "linearizable";
    }

    @Override
    public CheckResult check(History history) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", model.name());
        List<Operation> prepared = new ArrayList<>();
        List<OpPairs.Pair> pairs;
        try {
            pairs = OpPairs.of(history);
        } catch (IllegalArgumentException e) {
            details.put("error", e.getMessage());
            return new CheckResult(Verdict.UNKNOWN, details);
        }
        for (OpPairs.Pair pair : pairs) {
            Operation op = new Operation(pair);
            try {
                if (!model.prepare(op)) continue;
            } catch (IllegalArgumentException e) {
                details.put("error", "op " + op.invoke.index() + ": " + e.getMessage());
                return new CheckResult(Verdict.UNKNOWN, details);
            }
            prepared.add(op);
        }
        int operations = prepared.size();
        Map<Object, List<Operation>> parts = model.parts(prepared);
        boolean byTime = history.size() > 0 && history.ops().stream().allMatch(Op::hasTime);
        details.put("operations", operations);
        details.put("keys", parts.size());

        Budget budget = new Budget(timeLimit.toNanos(), maxCacheBytes);
        List<Part> searches = new ArrayList<>();
        parts.forEach((key, ops) -> searches.add(new Part(key, new WglSearch(model, ops, byTime))));
        Part failed = search(searches, budget);
        details.put("configurations", searches.stream().mapToLong(p -> p.search.configurations()).sum());

        if (failed != null) {
            details.put("counterexample", counterexample(failed, parts.size() > 1));
            return new CheckResult(Verdict.INVALID, details);
        }
        String stopped = budget.stopReason();
        if (stopped != null) {
            details.put("error", stopped);
            return new CheckResult(Verdict.UNKNOWN, details);
        }
        return new CheckResult(Verdict.VALID, details);
    }

    /**
     * Runs every part; returns the first one found invalid, or null. Hardness varies wildly between keys
     * (in Porcupine's c50-bad history, two keys take millions of configurations while eight take
     * thousands), so with several parts a first round gives each a small cap and only the parts that hit
     * it get the rest of the budget: one hard key cannot hold back the easy proof on another.
     */
    private static Part search(List<Part> parts, Budget budget) {
        if (parts.size() == 1) return round(parts, budget, Long.MAX_VALUE);
        Part failed = round(parts, budget, FIRST_ROUND_CONFIGURATIONS);
        if (failed != null) return failed;
        List<Part> hard = parts.stream().filter(p -> p.outcome == WglSearch.Outcome.OVER_CAP).toList();
        return hard.isEmpty() ? null : round(hard, budget, Long.MAX_VALUE);
    }

    private static Part round(List<Part> parts, Budget budget, long cap) {
        if (parts.size() == 1) {
            Part only = parts.get(0);
            return only.run(budget, cap) == WglSearch.Outcome.NOT_LINEARIZABLE ? only : null;
        }
        List<Part> biggestFirst = new ArrayList<>(parts);
        biggestFirst.sort(Comparator.comparingInt((Part p) -> p.size).reversed());
        List<Future<WglSearch.Outcome>> futures = new ArrayList<>();
        for (Part part : biggestFirst) futures.add(POOL.submit(() -> part.run(budget, cap)));
        Part failed = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                if (futures.get(i).get() == WglSearch.Outcome.NOT_LINEARIZABLE && failed == null) failed = biggestFirst.get(i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                budget.stop("interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException("linearizability search failed", e.getCause());
            }
        }
        return failed;
    }

    private Map<String, Object> counterexample(Part failed, boolean showKey) {
        Map<String, Object> ce = new LinkedHashMap<>();
        if (showKey) ce.put("key", failed.key);
        WglSearch.Prefix prefix = failed.prefix;
        List<Operation> linearized = prefix.linearized();
        ce.put("linearized-count", linearized.size());
        int from = Math.max(0, linearized.size() - PREFIX_SHOWN);
        if (from > 0) ce.put("linearized-omitted", from);
        List<Object> states = statesAfter(linearized, prefix.rawState());
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = from; i < linearized.size(); i++) {
            Map<String, Object> d = describe(linearized.get(i));
            // What the report draws beside each op, as Knossos' linear.svg does: the state it leaves.
            if (states != null) d.put("state-after", model.describe(states.get(i)));
            shown.add(d);
        }
        ce.put("linearized", shown);
        ce.put("state", prefix.state());
        List<Map<String, Object>> stuck = new ArrayList<>();
        for (Operation op : prefix.candidates()) {
            Map<String, Object> d = describe(op);
            d.put("why", prefix.refusedByModel(op)
                    ? "the model refuses it in state " + Values.show(prefix.state())
                    : "every order that linearizes it next fails later");
            stuck.add(d);
        }
        ce.put("cannot-linearize", stuck);
        if (prefix.blocking() != null) {
            Map<String, Object> blocking = describe(prefix.blocking());
            blocking.put("why", "it completed, so it must be linearized before anything invoked later");
            ce.put("must-precede", blocking);
        }
        ce.put("summary", summary(prefix));
        return ce;
    }

    /**
     * The model state after each op of the prefix, replayed from the initial state that leads to the prefix's end
     * state; null when none does (cannot happen for a prefix the search found, but a drawing is no reason to fail).
     */
    private List<Object> statesAfter(List<Operation> linearized, Object end) {
        for (Object initial : model.initialStates()) {
            List<Object> states = new ArrayList<>(linearized.size());
            Object state = initial;
            for (Operation op : linearized) {
                state = model.step(state, op);
                if (state == Model.INCONSISTENT) break;
                states.add(state);
            }
            if (states.size() == linearized.size() && java.util.Objects.equals(state, end)) return states;
        }
        return null;
    }

    private static String summary(WglSearch.Prefix prefix) {
        Operation blocking = prefix.blocking();
        String after = prefix.length() == 0 ? "from the initial state" : "after " + prefix.length() + " linearized operations";
        return (blocking == null ? "no candidate can be linearized " : blocking + " cannot be linearized ")
                + after + " (state " + Values.show(prefix.state()) + ")";
    }

    private static Map<String, Object> describe(Operation op) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("process", op.invoke.isNemesis() ? "nemesis" : op.invoke.process());
        d.put("f", op.f());
        if (op.key() != null) d.put("key", op.key());
        d.put("value", op.value());
        d.put("type", op.completion == null ? "pending" : op.completion.type().wireName());
        d.put("invoke-index", op.invoke.index());
        if (op.completion != null) d.put("complete-index", op.completion.index());
        if (op.completion != null && op.completion.error() != null) d.put("error", op.completion.error());
        return d;
    }

    private static final class Part {
        final Object key;
        final WglSearch search;
        final int size;
        /** Recorded as the search goes (cheap: only when it gets deeper than ever), so no second pass is needed. */
        final WglSearch.Prefix prefix = new WglSearch.Prefix();
        WglSearch.Outcome outcome;

        Part(Object key, WglSearch search) {
            this.key = key;
            this.search = search;
            this.size = search.size();
        }

        WglSearch.Outcome run(Budget budget, long cap) {
            outcome = search.run(budget, cap, prefix);
            if (outcome == WglSearch.Outcome.NOT_LINEARIZABLE) budget.stop("another key was found not linearizable");
            return outcome;
        }
    }
}
