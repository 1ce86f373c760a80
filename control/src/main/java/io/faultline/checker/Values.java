package io.faultline.checker;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Helpers for op values, which are plain data of mixed types. */
final class Values {

    /**
     * A total order for mixed values, so that reported sets come out the same on every run: null first, then
     * numbers by magnitude, then strings, then anything else by its text. Kinds are ordered before their
     * contents because comparing numbers with text by text alone would not be transitive.
     */
    static final Comparator<Object> ORDER = Values::compare;

    private Values() {
    }

    /**
     * Integral numbers as Long, so an element added as an Integer and read back as a Long (JSON reads all
     * integers as Long) is the same element.
     */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) return big.longValue();
        return value;
    }

    /** The value as a Long when it is an integer that fits one, else null. */
    static Long asLong(Object value) {
        return normalize(value) instanceof Long l ? l : null;
    }

    static List<Object> sorted(Collection<?> values) {
        return values.stream().sorted(ORDER).map(v -> (Object) v).toList();
    }

    private static int compare(Object a, Object b) {
        int byKind = Integer.compare(kind(a), kind(b));
        if (byKind != 0) return byKind;
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
