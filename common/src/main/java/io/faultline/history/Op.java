package io.faultline.history;

import java.util.Map;
import java.util.Objects;

/**
 * One history event, with Jepsen's fields and semantics.
 *
 * <p>{@code time} is nanoseconds since the run started on the control's timeline, or {@link #NO_TIME}
 * when the source had no timestamps (Jepsen log lines); then the order of the history is the order of time.
 * {@code process} is a client process number, or {@link #NEMESIS}. {@code key} is set for operations on
 * independent keys (the kv corpus' {@code :key}); it is what lets a checker split a history by key.
 * {@code value} holds plain Java data: null, Long, Double, String, Boolean, List, Set or Map.
 * Keys a source carried that have no field here are kept in {@code extra}, so nothing read is lost.
 */
public record Op(long index, long time, OpType type, int process, String f, Object value,
                 Object key, String node, String error, Map<String, Object> extra) {

    public static final int NEMESIS = -1;
    public static final long NO_TIME = -1;
    /**
     * The error of a failed cas whose compare failed: the op did not happen, and it observed that the register
     * did not hold the expected value. Without it a failed op observed nothing (Jepsen's meaning of fail).
     */
    public static final String COMPARE_FAILED = "compare-failed";

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        extra = extra == null || extra.isEmpty() ? null : Map.copyOf(extra);
    }

    public static Op invoke(int process, String f, Object value) {
        return new Op(-1, NO_TIME, OpType.INVOKE, process, f, value, null, null, null, null);
    }

    public static Op ok(int process, String f, Object value) {
        return new Op(-1, NO_TIME, OpType.OK, process, f, value, null, null, null, null);
    }

    public static Op fail(int process, String f, Object value) {
        return new Op(-1, NO_TIME, OpType.FAIL, process, f, value, null, null, null, null);
    }

    public static Op info(int process, String f, Object value) {
        return new Op(-1, NO_TIME, OpType.INFO, process, f, value, null, null, null, null);
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    public boolean isInvoke() {
        return type == OpType.INVOKE;
    }

    public boolean hasTime() {
        return time != NO_TIME;
    }

    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, type, process, f, value, key, node, error, extra);
    }

    public Op withTime(long newTime) {
        return new Op(index, newTime, type, process, f, value, key, node, error, extra);
    }

    public Op withKey(Object newKey) {
        return new Op(index, time, type, process, f, value, newKey, node, error, extra);
    }

    public Op withNode(String newNode) {
        return new Op(index, time, type, process, f, value, key, newNode, error, extra);
    }

    public Op withError(String newError) {
        return new Op(index, time, type, process, f, value, key, node, newError, extra);
    }

    /** Jepsen-style one-line rendering, for logs and counterexamples. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(isNemesis() ? "nemesis" : Integer.toString(process))
          .append(' ').append(type.wireName()).append(' ').append(f);
        if (key != null) sb.append(" key=").append(key);
        sb.append(' ').append(value);
        if (error != null) sb.append(" error=").append(error);
        return sb.toString();
    }
}
