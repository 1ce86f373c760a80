package io.faultline.spi;

import io.faultline.history.OpType;

/**
 * How an operation ended, with Jepsen's meaning: {@code ok} it happened (value = what was observed),
 * {@code fail} it definitely did not happen, {@code info} nobody knows. When in doubt, a client answers info.
 */
public record Completion(OpType type, Object value, String error) {

    public Completion {
        if (type == OpType.INVOKE) throw new IllegalArgumentException("a completion is ok, fail or info, not invoke");
    }

    public static Completion ok(Object value) {
        return new Completion(OpType.OK, value, null);
    }

    public static Completion fail(Object value, String error) {
        return new Completion(OpType.FAIL, value, error);
    }

    public static Completion info(Object value, String error) {
        return new Completion(OpType.INFO, value, error);
    }
}
