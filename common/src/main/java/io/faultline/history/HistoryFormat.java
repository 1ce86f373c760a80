package io.faultline.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The history formats Faultline reads; {@link #detect} picks one from a file's first meaningful line. */
public enum HistoryFormat {
    /** Faultline's own format: one JSON object per line. */
    JSONL("jsonl", new JsonlHistoryReader()),
    /** Jepsen's {@code history.edn}: EDN op maps, one per line or wrapped in a vector or list. */
    EDN("edn", new EdnHistoryReader()),
    /** The op lines Jepsen logs through {@code jepsen.util}. */
    JEPSEN_LOG("jepsen-log", new JepsenLogReader());

    private final String cliName;
    private final HistoryReader reader;

    HistoryFormat(String cliName, HistoryReader reader) {
        this.cliName = cliName;
        this.reader = reader;
    }

    public String cliName() {
        return cliName;
    }

    public HistoryReader reader() {
        return reader;
    }

    /** Looks a format up by its command-line name; the error lists the names allowed. */
    public static HistoryFormat fromCliName(String name) {
        for (HistoryFormat format : values()) {
            if (format.cliName.equals(name.toLowerCase(Locale.ROOT))) return format;
        }
        throw new IllegalArgumentException("unknown history format '" + name + "'; expected one of: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(HistoryFormat::cliName).collect(Collectors.joining(", "));
    }

    /**
     * Picks the format from the first line that is neither blank nor a comment; null when nothing matches.
     * JSONL starts with {@code {"}; EDN with {@code {:}, {@code [}, {@code (}, a tag like
     * {@code #jepsen.history.Op} or {@code #_}; a Jepsen log line has the {@code jepsen.util} logger, or at
     * least starts like a log line, with a level or a date, since a log may open with other loggers' lines.
     * Log lines are tried before brackets because a log layout may begin with {@code [thread]}.
     */
    public static HistoryFormat detect(String firstMeaningfulLine) {
        String line = firstMeaningfulLine.strip();
        if (line.startsWith("\uFEFF")) line = line.substring(1);
        if (line.isEmpty()) return null;
        char first = line.charAt(0);
        if (first == '{') {
            int next = firstNonBlank(line, 1);
            if (next == '"') return JSONL;
            if (next == ':' || next == '}' || next == -1) return EDN;
        }
        if (JepsenLogReader.isOpLine(line) || looksLikeLogLine(line)) return JEPSEN_LOG;
        if (first == '[' || first == '(') return EDN;
        if (first == '#' && line.length() > 1 && (line.charAt(1) == '_' || Character.isLetter(line.charAt(1)))) {
            return EDN;
        }
        return null;
    }

    private static int firstNonBlank(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) return line.charAt(i);
        }
        return -1;
    }

    private static final String[] LOG_LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

    /** A line starting with a log level word or an ISO date, as log4j and logback layouts do. */
    private static boolean looksLikeLogLine(String line) {
        for (String level : LOG_LEVELS) {
            if (line.startsWith(level) && line.length() > level.length()
                    && Character.isWhitespace(line.charAt(level.length()))) {
                return true;
            }
        }
        return line.length() >= 10 && isDigits(line, 0, 4) && line.charAt(4) == '-' && isDigits(line, 5, 7)
                && line.charAt(7) == '-' && isDigits(line, 8, 10);
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
