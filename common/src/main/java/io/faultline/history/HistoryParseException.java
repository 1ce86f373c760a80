package io.faultline.history;

/**
 * A history that cannot be read. The message always names the source, the line and what was expected,
 * so it can be shown to a user as it is.
 */
public class HistoryParseException extends Exception {
    private final String source;
    private final long line;

    public HistoryParseException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }
}
