package io.faultline.agent.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Plain op values as the store keeps them: integral numbers as Long, lists immutable (nil elements allowed). */
final class SimValues {

    /**
     * A total order for mixed values, so that a set reads back the same on every replica: nil first, then
     * numbers by magnitude, then strings, then anything else by its text.
     */
    static final Comparator<Object> ORDER = SimValues::compare;

    private SimValues() {
    }

    /** Integers arrive as Integer from Java callers and as Long from JSON; one form keeps keys and compares simple. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) copy.add(normalize(item));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    static List<Object> listOf(Collection<?> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static int compare(Object a, Object b) {
        int byKind = Integer.compare(kind(a), kind(b));
        if (byKind != 0) return byKind;
        if (a == null) return 0;
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        if (a instanceof Number x && b instanceof Number y) {
            int byMagnitude = Double.compare(x.doubleValue(), y.doubleValue());
            if (byMagnitude != 0) return byMagnitude;
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static int kind(Object value) {
        if (value == null) return 0;
        if (value instanceof Number) return 1;
        if (value instanceof String) return 2;
        return 3;
    }
}
