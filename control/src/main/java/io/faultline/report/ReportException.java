package io.faultline.report;

/** A run directory that no report can be built from, with what is missing and what to do. */
public final class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message, null, false, false);
    }
}
