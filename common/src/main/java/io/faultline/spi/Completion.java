package io.faultline.spi;

import io.faultline.history.Op;
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

    /** A cas that did not happen because the register did not hold the expected value, which it observed. */
    public static Completion compareFailed(Object value) {
        return new Completion(OpType.FAIL, value, Op.COMPARE_FAILED);
    }

    public static Completion info(Object value, String error) {
        return new Completion(OpType.INFO, value, error);
    }
}
