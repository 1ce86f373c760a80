package io.faultline.history;

import java.util.HashMap;
import java.util.Map;

/**
 * How the EDN-based readers (EDN histories, Jepsen logs) turn the values they read into an {@link Op}'s fields,
 * so both accept the same things. A value that does not fit gives null (or {@link #NOT_A_PROCESS}), and the
 * reader reports it with its line.
 */
final class OpFields {
    static final String TYPES = ":invoke :ok :fail :info";

    /** What {@link #process} returns for a value that is not a process. */
    static final int NOT_A_PROCESS = Integer.MIN_VALUE;

    /** f names, interned as JSONL's are, looked up through a map so the JVM's string table is hit once per name. */
    private final Map<String, String> fNames = new HashMap<>();

    /** A keyword (or string) naming a type. */
    static OpType type(Object value) {
        return value instanceof String name ? OpType.fromWire(name) : null;
    }

    /** A non-negative int, or {@code :nemesis}; -1 is taken by {@link Op#NEMESIS}. */
    static int process(Object value) {
        if (value instanceof Long n) return n >= 0 && n <= Integer.MAX_VALUE ? (int) (long) n : NOT_A_PROCESS;
        return "nemesis".equals(value) ? Op.NEMESIS : NOT_A_PROCESS;
    }

    /** A keyword or string, interned. */
    String f(Object value) {
        return value instanceof String name ? fNames.computeIfAbsent(name, String::intern) : null;
    }

    /**
     * An error as text: a keyword's name or a string as they are, anything else as it was written, on one line
     * ({@code [:crash "refused"]}), since turning the keywords in it into strings would lose how it read.
     */
    static String errorText(Object value, CharSequence written) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        return EdnReader.oneLine(written);
    }
}
