package io.faultline.checker;

import io.faultline.history.Values;
import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jepsen's set checker. Clients {@code add} elements; the last successful {@code read} returns the whole set.
 * Every acknowledged add must be in that read (else it is lost), and the read may hold only elements some
 * client tried to add (else they are unexpected). An add whose outcome is unknown may show up or not; when it
 * does it is recovered. As in Jepsen, an element whose add failed yet shows up counts as recovered too: it was
 * attempted, and the set checker judges only lost and unexpected elements. {@code ok-count} counts the
 * acknowledged adds found in the final read.
 */
public final class SetChecker implements Checker {

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(History history) {
        return OpPairs.check(history, this::judge);
    }

    private CheckResult judge(List<Pair> pairs) {
        Set<Object> attempted = new HashSet<>();
        Set<Object> acknowledged = new HashSet<>();
        Pair finalRead = null;
        for (Pair op : pairs) {
            switch (op.f()) {
                case "add" -> {
                    Object element = Values.normalize(op.value());
                    attempted.add(element);
                    if (op.isOk()) acknowledged.add(element);
                }
                case "read" -> {
                    if (op.isOk() && (finalRead == null || op.completionAt() > finalRead.completionAt())) {
                        finalRead = op;
                    }
                }
                default -> { }
            }
        }
        if (finalRead == null) return CheckResult.unknown("no successful final read");
        if (!(finalRead.value() instanceof Collection<?> elements)) {
            return CheckResult.unknown("final read (op " + finalRead.completion().index()
                    + ") returned " + finalRead.value() + ", not a collection of elements");
        }
        Set<Object> read = new HashSet<>();
        for (Object element : elements) read.add(Values.normalize(element));

        Set<Object> ok = intersection(acknowledged, read);
        Set<Object> lost = difference(acknowledged, read);
        Set<Object> unexpected = difference(read, attempted);
        Set<Object> recovered = difference(intersection(read, attempted), acknowledged);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempt-count", attempted.size());
        details.put("acknowledged-count", acknowledged.size());
        details.put("ok-count", ok.size());
        details.put("lost-count", lost.size());
        details.put("recovered-count", recovered.size());
        details.put("unexpected-count", unexpected.size());
        details.put("lost", Values.sorted(lost));
        details.put("recovered", Values.sorted(recovered));
        details.put("unexpected", Values.sorted(unexpected));
        return new CheckResult(Verdict.of(lost.isEmpty() && unexpected.isEmpty()), details);
    }

    private static Set<Object> intersection(Set<Object> a, Set<Object> b) {
        Set<Object> result = new HashSet<>(a);
        result.retainAll(b);
        return result;
    }

    private static Set<Object> difference(Set<Object> a, Set<Object> b) {
        Set<Object> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
