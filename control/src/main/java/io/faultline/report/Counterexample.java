package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A linearizability checker's counterexample as the report draws it, read from the checker's result (as the run
 * produced it, or as results.json holds it): the key, the model state after the longest linearizable prefix, the
 * last ops of that prefix with the state each left, and the ops that cannot be linearized next.
 *
 * @param key       the key of the failing part, or null when the history is one object
 * @param omitted   how many ops of the prefix come before those given, so each is numbered by its place in it
 * @param stuck     invocation indexes of the ops that cannot be linearized, with why
 * @param mustPrecede invocation index of the completed op that had to come next, or null
 */
record Counterexample(String checker, Object key, Object state, String summary, int omitted, List<Step> linearized,
                      Map<Long, String> stuck, Long mustPrecede) {

    /** One op of the linearizable prefix, in linearization order. */
    record Step(long invokeIndex, Object stateAfter, boolean hasState) {
    }

    /** Every counterexample among the checkers' results, by checker name. */
    static List<Counterexample> in(Map<String, CheckResult> checkers) {
        List<Counterexample> all = new ArrayList<>();
        if (checkers == null) return all;
        checkers.forEach((name, result) -> {
            if (result.valid() == Verdict.INVALID && result.details().get("counterexample") instanceof Map<?, ?> ce) {
                all.add(of(name, ce));
            }
        });
        return all;
    }

    static Counterexample of(String checker, Map<?, ?> ce) {
        List<Step> steps = new ArrayList<>();
        if (ce.get("linearized") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> op && index(op.get("invoke-index")) != null) {
                    steps.add(new Step(index(op.get("invoke-index")), op.get("state-after"), op.containsKey("state-after")));
                }
            }
        }
        Map<Long, String> stuck = new LinkedHashMap<>();
        if (ce.get("cannot-linearize") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> op && index(op.get("invoke-index")) != null) {
                    stuck.put(index(op.get("invoke-index")), Objects.toString(op.get("why"), ""));
                }
            }
        }
        Long mustPrecede = ce.get("must-precede") instanceof Map<?, ?> op ? index(op.get("invoke-index")) : null;
        int omitted = ce.get("linearized-omitted") instanceof Number n ? n.intValue() : 0;
        return new Counterexample(checker, ce.get("key"), ce.get("state"), Objects.toString(ce.get("summary"), ""), omitted, steps, stuck,
                mustPrecede);
    }

    /** The ops the drawing highlights: those that cannot be linearized, and the one that had to come first. */
    java.util.Set<Long> focus() {
        java.util.Set<Long> focus = new java.util.LinkedHashSet<>(stuck.keySet());
        if (mustPrecede != null) focus.add(mustPrecede);
        return focus;
    }

    /** Whether an op belongs to the object that failed: its key, compared as text since JSON may retype it. */
    boolean sameKey(Object opKey) {
        return key == null || Objects.equals(String.valueOf(key), String.valueOf(opKey));
    }

    private static Long index(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
