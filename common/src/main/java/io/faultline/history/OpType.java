package io.faultline.history;

/**
 * Jepsen's four op types. {@code fail} means the operation definitely did not take effect;
 * {@code info} means indeterminate: it may take effect at any time after its invocation, or never.
 */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in JSONL and EDN ({@code invoke}, {@code ok}, ...). */
    public String wireName() {
        return wire;
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }

    /** Parses a wire name; returns null for an unknown one so readers can report it with a line number. */
    public static OpType fromWire(String name) {
        return switch (name) {
            case "invoke" -> INVOKE;
            case "ok" -> OK;
            case "fail" -> FAIL;
            case "info" -> INFO;
            default -> null;
        };
    }
}
