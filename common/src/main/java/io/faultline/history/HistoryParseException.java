package io.faultline.history;

/**
 * A history that cannot be read, or that breaks the rules every history keeps ({@link HistoryValidation}). The
 * message always names the source, the line and what is wrong, so it can be shown to a user as it is.
 */
public class HistoryParseException extends Exception {
    private final String source;
    private final long line;
    private final String problem;

    public HistoryParseException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    /** What is wrong, without the source and line. */
    public String problem() {
        return problem;
    }
}
