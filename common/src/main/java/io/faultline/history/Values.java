package io.faultline.history;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The plain data inside ops, handled alike everywhere: readers produce Long for integers (JSON, EDN), but
 * values also come from Java callers as Integer; sets and reports need one order for mixed values.
 */
public final class Values {

    /**
     * A total order for mixed values, so that sets and reports come out the same on every replica and run:
     * nil first, then numbers by magnitude, then strings, then anything else by its text. Kinds come before
     * contents because comparing numbers with text by text alone would not be transitive.
     */
    public static final Comparator<Object> ORDER = Values::compare;

    private Values() {
    }

    /** Integral numbers as Long (also inside lists), so a 3 added as Integer and read back as Long is one value. */
    public static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return ((Number) value).longValue();
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) return big.longValue();
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) copy.add(normalize(item));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Equality that ignores how an integer was boxed. */
    public static boolean same(Object a, Object b) {
        return Objects.equals(normalize(a), normalize(b));
    }

    /** The value as a Long when it is an integer that fits one, else null. */
    public static Long asLong(Object value) {
        return normalize(value) instanceof Long l ? l : null;
    }

    /** A two-element argument such as a cas's [from to]; null when the value has another shape. */
    public static List<?> pair(Object value) {
        return value instanceof List<?> list && list.size() == 2 ? list : null;
    }

    public static List<Object> sorted(Collection<?> values) {
        return values.stream().sorted(ORDER).map(v -> (Object) v).toList();
    }

    /** EDN-like rendering for people: nil, "strings", [vectors]. */
    public static String show(Object value) {
        if (value == null) return "nil";
        if (value instanceof String s) return '"' + s + '"';
        if (value instanceof Collection<?> c) return c.stream().map(Values::show).collect(Collectors.joining(" ", "[", "]"));
        return value.toString();
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
