package io.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Reads the op lines Jepsen logs through {@code jepsen.util}, as in the etcd corpus:
 * <pre>INFO  jepsen.util - 2	:invoke	:cas	[3 0]</pre>
 * whatever comes before the logger (timestamp, level, thread). The columns, separated by tabs or runs of
 * spaces, are the process (an integer or {@code :nemesis}), the type, f and the value, all EDN, then, in
 * newer Jepsen, the error. Lines of other loggers, stack traces and blank lines are skipped.
 *
 * <p>A log has no timestamps: ops get {@link Op#NO_TIME}, file order being time order.
 */
public final class JepsenLogReader implements HistoryReader {
    private static final String LOGGER = "jepsen.util";

    @Override
    public void read(String source, Reader in, Sink sink) throws IOException, HistoryParseException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        EdnReader edn = EdnReader.forLines(source);
        LineParser parser = new LineParser(edn);
        long number = 0;
        while (true) {
            String line;
            try {
                line = lines.readLine();
            } catch (CharacterCodingException e) {
                throw e instanceof Utf8Reader.NotUtf8 at ? new HistoryParseException(source, at.line(), Utf8Reader.NOT_UTF8)
                        : new HistoryParseException(source, number + 1, History.NOT_UTF8);
            }
            if (line == null) return;
            number++;
            int payload = payloadStart(line);
            if (payload < 0) continue;
            edn.reset(line, payload, number);
            sink.accept(parser.parse(), number);
        }
    }

    /** Whether a line is a {@code jepsen.util} log line, the way format detection asks it. */
    static boolean isOpLine(String line) {
        return payloadStart(line) >= 0;
    }

    /**
     * Where the message of a {@code jepsen.util} line starts, after {@code "jepsen.util - "} (log4j's usual
     * layout) or {@code "jepsen.util: "}; -1 for any other line. The logger must stand alone, so that
     * {@code at jepsen.util$timeout.invoke(...)} in a stack trace does not count.
     */
    private static int payloadStart(String line) {
        for (int at = line.indexOf(LOGGER); at >= 0; at = line.indexOf(LOGGER, at + 1)) {
            if (at > 0 && isNameChar(line.charAt(at - 1))) continue;
            int i = skipBlanks(line, at + LOGGER.length());
            if (i == line.length() || (line.charAt(i) != '-' && line.charAt(i) != ':')) continue;
            if (i + 1 < line.length() && isBlank(line.charAt(i + 1))) return skipBlanks(line, i + 1);
            if (i + 1 == line.length()) return i + 1;
        }
        return -1;
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && isBlank(line.charAt(i))) i++;
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-';
    }

    /** Parses the columns of one line, held by the EDN reader. */
    private static final class LineParser {
        private static final String PROCESS = "a process (a non-negative integer or :nemesis)";
        private static final String TYPE = "a type (" + OpFields.TYPES + ")";
        private static final String F = "f (a keyword or a string)";

        private final EdnReader edn;
        private final OpFields fields = new OpFields();
        private final StringBuilder written = new StringBuilder();

        LineParser(EdnReader edn) {
            this.edn = edn;
        }

        Op parse() throws IOException, HistoryParseException {
            int process = OpFields.process(column(PROCESS));
            if (process == OpFields.NOT_A_PROCESS) throw expected(PROCESS);
            OpType type = OpFields.type(column(TYPE));
            if (type == null) throw expected(TYPE);
            String f = fields.f(column(F));
            if (f == null) throw expected(F);
            boolean keyword = edn.peek() == ':';
            Object value = column("a value");
            // The error column is free text (Jepsen prints it with str), so it is taken as it is, not as EDN.
            String rest = edn.rest();
            String error = rest.isEmpty() ? null : errorColumn(rest);
            // Old Jepsen tests (the etcd corpus) put the error in the value column: ":fail :read :timed-out".
            if (error == null && keyword && (type == OpType.FAIL || type == OpType.INFO)) {
                error = (String) value;
                value = null;
            }
            return new Op(-1, Op.NO_TIME, type, process, f, value, null, null, error, null);
        }

        /** Reads the next column, keeping its text for an error message. */
        private Object column(String expectation) throws IOException, HistoryParseException {
            if (!edn.atValue()) throw edn.error("expected " + expectation + ", found " + edn.describeNext());
            written.setLength(0);
            return edn.read(written);
        }

        private HistoryParseException expected(String expectation) {
            return edn.error("expected " + expectation + ", found " + EdnReader.abbreviate(written));
        }

        /** Jepsen prints the error with str, so a keyword shows its colon; it is dropped as EDN errors drop it. */
        private static String errorColumn(String text) {
            boolean keyword = text.length() > 1 && text.charAt(0) == ':' && text.chars().noneMatch(Character::isWhitespace);
            return keyword ? text.substring(1) : text;
        }
    }
}
