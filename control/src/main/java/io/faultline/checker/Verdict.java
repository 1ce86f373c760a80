package io.faultline.checker;

import com.fasterxml.jackson.annotation.JsonCreator;
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

    /** Reads what {@link #json()} writes; the words valid, invalid and unknown too. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Verdict fromJson(Object json) {
        for (Verdict verdict : values()) {
            if (verdict.json().equals(json) || verdict.word().equals(json)) return verdict;
        }
        throw new IllegalArgumentException("not a verdict: " + json + "; expected true, false or \"unknown\"");
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
}
