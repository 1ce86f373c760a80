package io.faultline.run;

import io.faultline.checker.Verdict;

/**
 * The process exit codes, Jepsen's convention (DESIGN.md decision 8); CI maps 0 to success, 1 to unstable and
 * the rest to failure. Nothing else in the code writes an exit code as a number.
 */
public enum ExitCode {
    VALID(0), INVALID(1), UNKNOWN(2), BAD_ARGUMENTS(254), INTERNAL_ERROR(255);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExitCode of(Verdict verdict) {
        return switch (verdict) {
            case VALID -> VALID;
            case INVALID -> INVALID;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
