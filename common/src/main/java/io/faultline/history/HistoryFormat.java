package io.faultline.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The history formats Faultline reads; {@link #detect} picks one from a file's first meaningful line. */
public enum HistoryFormat {
    /** Faultline's own format: one JSON object per line. */
    JSONL("jsonl", new JsonlHistoryReader());

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
     */
    public static HistoryFormat detect(String firstMeaningfulLine) {
        String line = firstMeaningfulLine.strip();
        if (line.startsWith("{\"")) return JSONL;
        return null;
    }
}
