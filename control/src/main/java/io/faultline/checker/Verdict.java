package io.faultline.checker;

import com.fasterxml.jackson.annotation.JsonValue;

/** The answer of a check: Jepsen's {@code :valid?} true, false or :unknown. */
public enum Verdict {
    VALID, INVALID, UNKNOWN;

    /** The JSON form Jepsen users expect: {@code true}, {@code false} or {@code "unknown"}. */
    @JsonValue
    public Object json() {
        return switch (this) {
            case VALID -> Boolean.TRUE;
            case INVALID -> Boolean.FALSE;
            case UNKNOWN -> "unknown";
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Jepsen's merge: any invalid makes the whole invalid; otherwise any unknown makes it unknown. */
    public Verdict and(Verdict other) {
        if (this == INVALID || other == INVALID) return INVALID;
        if (this == UNKNOWN || other == UNKNOWN) return UNKNOWN;
        return VALID;
    }

    public static Verdict of(boolean valid) {
        return valid ? VALID : INVALID;
    }

    /** Exit code convention of DESIGN.md decision 8. */
    public int exitCode() {
        return switch (this) {
            case VALID -> 0;
            case INVALID -> 1;
            case UNKNOWN -> 2;
        };
    }
}
