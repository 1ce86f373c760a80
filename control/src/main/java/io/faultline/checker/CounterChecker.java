package io.faultline.checker;

import io.faultline.history.Values;
import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's counter checker. The counter starts at zero, {@code add} changes it by its value (which may be
 * negative) and every successful {@code read} must return a value the counter could have had while the read
 * ran: at least {@code lower}, at most {@code upper}, where
 * <ul>
 *   <li>{@code lower} counts the increments acknowledged before the read began, and every decrement that may
 *       have applied before the read completed (invoked by then and not failed);</li>
 *   <li>{@code upper} counts every increment that may have applied before the read completed, and only the
 *       decrements acknowledged before the read began.</li>
 * </ul>
 * Failed adds count nowhere. Jepsen takes the decrements for {@code lower} at the read's invocation and those
 * for {@code upper} at its completion; here it is the other way round, so that a decrement concurrent with a
 * read widens the bounds instead of narrowing them and cannot make a correct read look wrong.
 */
public final class CounterChecker implements Checker {
    private static final int ERRORS_SHOWN = 20;

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public CheckResult check(History history) {
        return OpPairs.check(history, pairs -> judge(pairs, history.size()));
    }

    private CheckResult judge(List<Pair> pairs, int historySize) {
        // Each array maps a history position p to the sum of the changes that happened before p.
        long[] ackedUp = new long[historySize + 1];
        long[] ackedDown = new long[historySize + 1];
        long[] invokedUp = new long[historySize + 1];
        long[] invokedDown = new long[historySize + 1];
        List<Pair> reads = new ArrayList<>();
        for (Pair op : pairs) {
            if (op.f().equals("read") && op.isOk()) reads.add(op);
            if (!op.f().equals("add") || op.isFail()) continue;
            Long delta = Values.asLong(op.value());
            if (delta == null) return notANumber("add", op);
            boolean up = delta > 0;
            (up ? invokedUp : invokedDown)[op.invokeAt() + 1] += delta;
            if (op.isOk()) (up ? ackedUp : ackedDown)[op.completionAt() + 1] += delta;
        }
        for (long[] sums : List.of(ackedUp, ackedDown, invokedUp, invokedDown)) {
            for (int p = 1; p < sums.length; p++) sums[p] += sums[p - 1];
        }

        List<Map<String, Object>> errors = new ArrayList<>();
        for (Pair read : reads) {
            Long value = Values.asLong(read.value());
            if (value == null) return notANumber("read", read);
            long lower = ackedUp[read.invokeAt()] + invokedDown[read.completionAt()];
            long upper = invokedUp[read.completionAt()] + ackedDown[read.invokeAt()];
            if (value < lower || value > upper) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("index", read.completion().index());
                error.put("value", value);
                error.put("lower", lower);
                error.put("upper", upper);
                errors.add(error);
            }
        }

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reads", reads.size());
        details.put("error-count", errors.size());
        details.put("errors", List.copyOf(errors.subList(0, Math.min(errors.size(), ERRORS_SHOWN))));
        return new CheckResult(Verdict.of(errors.isEmpty()), details);
    }

    private static CheckResult notANumber(String f, Pair op) {
        Object value = op.value();
        long index = (op.isOk() ? op.completion() : op.invoke()).index();
        return CheckResult.unknown(f + " op " + index + " has value " + value + ", not an integer");
    }
}
