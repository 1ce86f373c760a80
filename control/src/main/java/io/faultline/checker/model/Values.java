package io.faultline.checker.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Value comparison and rendering shared by the models. */
public final class Values {
    private Values() {
    }

    /** Equality that ignores the boxing of integral numbers (an Integer 3 equals a Long 3). */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && isIntegral(x) && isIntegral(y)) {
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    /** Integral numbers as Long, so states hash and compare alike whatever reader produced them. */
    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        return v;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** A two-element argument such as a cas's [from to]; null when the value has another shape. */
    public static List<?> pair(Object v) {
        if (v instanceof List<?> list && list.size() == 2) return list;
        return null;
    }

    /** EDN-like rendering for counterexamples: nil, "strings", [vectors]. */
    public static String show(Object v) {
        if (v == null) return "nil";
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof Collection<?> c) {
            return c.stream().map(Values::show).collect(Collectors.joining(" ", "[", "]"));
        }
        return v.toString();
    }
}
