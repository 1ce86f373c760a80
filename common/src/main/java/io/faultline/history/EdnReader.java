package io.faultline.history;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads EDN, the data notation of Clojure and Jepsen, into plain Java data: nil → null, booleans → Boolean,
 * integers → Long (BigInteger when they do not fit), floats → Double, strings, characters, symbols and
 * keywords → String (a keyword without its colon, the project's convention), vectors and lists → List,
 * sets → LinkedHashSet, maps → LinkedHashMap. A tagged element ({@code #inst "..."},
 * {@code #jepsen.history.Op{...}}) reads as its value. Commas are whitespace; {@code ;} comments and
 * {@code #_} discarded forms are skipped.
 *
 * <p>It is a char-level recursive-descent parser over its own buffer, so it reads histories of millions of
 * lines without a regex or an allocation per char, and it counts lines so every error names one. Malformed
 * input always ends in a {@link HistoryParseException}, never another exception: nesting is bounded and
 * every loop consumes input or stops at its end.
 */
public final class EdnReader {
    /** What {@link #peek} returns at the end of the input. */
    public static final int END = -1;

    /** Deep enough for any real value, shallow enough that the recursion cannot overflow the stack. */
    static final int MAX_DEPTH = 512;

    private static final int BUFFER_SIZE = 1 << 14;
    private static final boolean[] SYMBOL_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) SYMBOL_CHARS[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) SYMBOL_CHARS[c] = true;
        for (char c = '0'; c <= '9'; c++) SYMBOL_CHARS[c] = true;
        for (char c : ".*+!-_?$%&=<>/:#'".toCharArray()) SYMBOL_CHARS[c] = true;
    }

    /** The collections, with the brackets that open and close them and their name in error messages. */
    enum Coll {
        LIST(')', "list"), VECTOR(']', "vector"), MAP('}', "map"), SET('}', "set");

        final char close;
        final String label;

        Coll(char close, String label) {
            this.close = close;
            this.label = label;
        }
    }

    private final String source;
    private final Reader in;
    private final String endName;
    private char[] buf;
    private int pos;
    private int limit;
    private boolean exhausted;
    private long line = 1;
    private int depth;

    /** Chars of the token, string or number being read; grows as needed and is reused. */
    private char[] token = new char[64];
    private int tokenLength;
    private final TokenCache cache = new TokenCache();

    /** While reading with {@link #read(StringBuilder)}: where consumed chars are copied, and from where. */
    private StringBuilder recording;
    private int recordFrom;

    /** Reads from {@code in}; {@code source} names the input in error messages. */
    public EdnReader(String source, Reader in) {
        this.source = Objects.requireNonNull(source, "source");
        this.in = Objects.requireNonNull(in, "in");
        this.endName = "end of input";
        this.buf = new char[BUFFER_SIZE];
    }

    private EdnReader(String source) {
        this.source = source;
        this.in = null;
        this.endName = "end of line";
        this.buf = new char[256];
        this.exhausted = true;
    }

    /** A reader for one line at a time, given with {@link #reset}; its errors speak of the end of the line. */
    static EdnReader forLines(String source) {
        return new EdnReader(source);
    }

    /** Reads exactly one value from {@code text}; anything but whitespace and comments after it is an error. */
    public static Object readOne(String source, String text) throws HistoryParseException {
        EdnReader edn = new EdnReader(source, new StringReader(text));
        try {
            Object value = edn.read();
            if (edn.hasNext()) throw edn.error("expected the end of input after the value, found " + edn.nextFormText());
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Points a line reader at {@code text} from {@code from}, keeping its buffers and token cache. */
    void reset(String text, int from, long lineNumber) {
        int n = text.length() - from;
        if (buf.length < n) buf = new char[Math.max(n, buf.length * 2)];
        text.getChars(from, text.length(), buf, 0);
        pos = 0;
        limit = n;
        line = lineNumber;
        depth = 0;
    }

    /** The line of the next unread char, counting from 1. */
    public long line() {
        return line;
    }

    /** Skips whitespace, commas, comments and discarded forms; returns the next char, or {@link #END}. */
    public int peek() throws IOException, HistoryParseException {
        while (pos < limit || fill()) {
            char c = buf[pos];
            if (c == ' ' || c == ',') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
            } else if (isWhitespace(c)) {
                pos++;
            } else if (c == ';') {
                skipComment();
            } else if (c == '#' && peekSecondChar() == '_') {
                pos += 2;
                discard();
            } else {
                return c;
            }
        }
        return END;
    }

    /** Whether another form follows. */
    public boolean hasNext() throws IOException, HistoryParseException {
        return peek() != END;
    }

    /** Reads the next form. */
    public Object read() throws IOException, HistoryParseException {
        if (!atValue()) throw error("expected a value, found " + describeNext());
        return readForm(peekChar());
    }

    /** Reads the next form and appends its source text, as written, to {@code text}. */
    public Object read(StringBuilder text) throws IOException, HistoryParseException {
        peek();
        recording = text;
        recordFrom = pos;
        try {
            return read();
        } finally {
            text.append(buf, recordFrom, pos - recordFrom);
            recording = null;
        }
    }

    // ---- Package-private steps, for readers that take a form apart as it streams by (op maps, vectors of ops).

    /** Whether a value comes next, rather than a closing bracket or the end. */
    boolean atValue() throws IOException, HistoryParseException {
        int c = peek();
        return c != END && !isCloser(c);
    }

    /** Consumes the opening bracket that {@link #peek} returned; returns its line. */
    long open() {
        long at = line;
        pos++;
        return at;
    }

    /**
     * Whether another element of the {@code kind} opened on line {@code opened} follows; consumes the closing
     * bracket and returns false at its end.
     */
    boolean hasNextIn(Coll kind, long opened) throws IOException, HistoryParseException {
        int c = peek();
        if (c == kind.close) {
            pos++;
            return false;
        }
        if (c == END || isCloser(c)) {
            throw error("expected '" + kind.close + "' to close the " + kind.label + " opened on line " + opened
                    + ", found " + describeChar(c));
        }
        return true;
    }

    /**
     * Consumes the opening of a map, and any tag before it, since a tagged map such as
     * {@code #jepsen.history.Op{...}} reads as the map. Anything else fails with "expected {@code what}, found
     * ...". Returns the line the map opens on.
     */
    long openMap(String what) throws IOException, HistoryParseException {
        int c = peek();
        long at = line;
        if (c == '{') return open();
        if (c == '#' && isTagStart(peekSecondChar())) {
            pos++;
            String tag = readTag();
            if (peek() == '{') return open();
            throw error(at, "expected " + what + ", found #" + tag + " " + nextFormText());
        }
        throw error(at, "expected " + what + ", found " + nextFormText());
    }

    /** The next form as written, shortened, for an error message; the form is consumed. */
    String nextFormText() throws IOException, HistoryParseException {
        if (!atValue()) return describeNext();
        StringBuilder text = new StringBuilder();
        read(text);
        return abbreviate(text);
    }

    /** The next char in words, for an error message: a quoted char or the end. */
    String describeNext() throws IOException, HistoryParseException {
        return describeChar(peek());
    }

    /** The unread rest of the input, without surrounding whitespace; for line readers. */
    String rest() {
        return new String(buf, pos, limit - pos).strip();
    }

    HistoryParseException error(String problem) {
        return error(line, problem);
    }

    HistoryParseException error(long atLine, String problem) {
        return new HistoryParseException(source, atLine, problem);
    }

    /** Text for an error message: on one line, and cut short. */
    static String abbreviate(CharSequence text) {
        String line = oneLine(text);
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    /** Text written over several lines, on one: each line break with the whitespace around it becomes a space. */
    static String oneLine(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = i;
            boolean lineBreak = false;
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                lineBreak |= text.charAt(end) == '\n' || text.charAt(end) == '\r';
                end++;
            }
            if (end == i) {
                out.append(text.charAt(i++));
            } else {
                if (lineBreak) out.append(' ');
                else out.append(text, i, end);
                i = end;
            }
        }
        return out.toString().strip();
    }

    // ---- Forms.

    /** Reads the form starting with {@code c}, the next char, which is neither whitespace nor a closer. */
    private Object readForm(int c) throws IOException, HistoryParseException {
        long start = line;
        switch (c) {
            case '"':
                pos++;
                return readString(start);
            case ':':
                pos++;
                return readKeyword();
            case '[':
                pos++;
                return readSequence(Coll.VECTOR, start);
            case '(':
                pos++;
                return readSequence(Coll.LIST, start);
            case '{':
                pos++;
                return readMap(start);
            case '#':
                pos++;
                return readDispatch(start);
            case '\\':
                pos++;
                return readCharacter();
            default:
                if (isDigit(c) || ((c == '-' || c == '+') && isDigit(peekSecondChar()))) return readNumber();
                if (isSymbolChar(c)) return readSymbol();
                throw error("expected a value, found " + describeChar(c));
        }
    }

    private List<Object> readSequence(Coll kind, long opened) throws IOException, HistoryParseException {
        enter();
        List<Object> items = new ArrayList<>();
        while (hasNextIn(kind, opened)) items.add(readForm(peekChar()));
        depth--;
        return items;
    }

    private Map<Object, Object> readMap(long opened) throws IOException, HistoryParseException {
        enter();
        Map<Object, Object> map = new LinkedHashMap<>();
        while (hasNextIn(Coll.MAP, opened)) {
            int first = peekChar();
            Object key = readForm(first);
            if (!atValue()) {
                throw error("expected a value for the key " + describe(key, first) + " in the map opened on line "
                        + opened + ", found " + describeNext());
            }
            Object value = readForm(peekChar());
            int size = map.size();
            map.put(key, value);
            if (map.size() == size) {
                throw error("duplicate key " + describe(key, first) + " in the map opened on line " + opened);
            }
        }
        depth--;
        return map;
    }

    private Set<Object> readSet(long opened) throws IOException, HistoryParseException {
        enter();
        Set<Object> set = new LinkedHashSet<>();
        while (hasNextIn(Coll.SET, opened)) {
            int first = peekChar();
            Object element = readForm(first);
            if (!set.add(element)) {
                throw error("duplicate element " + describe(element, first) + " in the set opened on line " + opened);
            }
        }
        depth--;
        return set;
    }

    /** After '#': a set, a symbolic value like ##Inf, or a tagged element, which reads as its value. */
    private Object readDispatch(long start) throws IOException, HistoryParseException {
        int c = peekChar();
        if (c == '{') {
            pos++;
            return readSet(start);
        }
        if (c == '#') {
            pos++;
            return readSymbolicValue();
        }
        if (isTagStart(c)) {
            String tag = readTag();
            if (!atValue()) throw error("expected a value after the tag #" + tag + ", found " + describeNext());
            enter();
            Object value = readForm(peekChar());
            depth--;
            return value;
        }
        throw error("expected a tag, '{' or '_' after '#', found " + describeChar(c));
    }

    private String readTag() throws IOException, HistoryParseException {
        readToken();
        return cache.get(token, tokenLength);
    }

    private Double readSymbolicValue() throws IOException, HistoryParseException {
        readToken();
        if (tokenIs("Inf")) return Double.POSITIVE_INFINITY;
        if (tokenIs("-Inf")) return Double.NEGATIVE_INFINITY;
        if (tokenIs("NaN")) return Double.NaN;
        throw error("expected ##Inf, ##-Inf or ##NaN, found ##" + tokenText());
    }

    private void discard() throws IOException, HistoryParseException {
        enter();
        if (!atValue()) throw error("expected a form to discard after #_, found " + describeNext());
        readForm(peekChar());
        depth--;
    }

    private void enter() throws HistoryParseException {
        if (++depth > MAX_DEPTH) throw error("forms nested deeper than " + MAX_DEPTH + " levels");
    }

    // ---- Atoms.

    private String readString(long startLine) throws IOException, HistoryParseException {
        tokenLength = 0;
        while (true) {
            int from = pos;
            while (pos < limit && buf[pos] != '"' && buf[pos] != '\\' && buf[pos] != '\n') pos++;
            append(from, pos);
            if (pos == limit) {
                if (!fill()) throw unterminatedString(startLine);
                continue;
            }
            char c = buf[pos++];
            if (c == '"') return cache.get(token, tokenLength);
            if (c == '\n') line++;
            else c = readEscape(startLine);
            append(c);
        }
    }

    /** Reported where the string opens: where it ends is the end of the input, which says nothing. */
    private HistoryParseException unterminatedString(long startLine) {
        return error(startLine, "unterminated string starting on line " + startLine + ": the input ends before it closes");
    }

    private char readEscape(long startLine) throws IOException, HistoryParseException {
        int e = peekChar();
        if (e == END) throw unterminatedString(startLine);
        pos++;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'u' -> readHex4();
            default -> {
                if (e == '\n') line++;
                throw error("unsupported escape " + describeChar(e) + " after '\\' in the string starting on line "
                        + startLine + "; expected one of \\\" \\\\ \\n \\t \\r \\b \\f \\uXXXX");
            }
        };
    }

    private char readHex4() throws IOException, HistoryParseException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int c = peekChar();
            int digit = hexDigit(c);
            if (digit < 0) throw error("expected 4 hex digits after \\u, found " + describeChar(c));
            pos++;
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private String readCharacter() throws IOException, HistoryParseException {
        int c = peekChar();
        if (c == END || isWhitespace(c)) throw error("expected a character after '\\', found " + describeChar(c));
        pos++;
        tokenLength = 0;
        append((char) c);
        if (isSymbolChar(c)) readTokenRest();
        if (tokenLength == 1) return cache.get(token, 1);
        if (tokenIs("newline")) return "\n";
        if (tokenIs("space")) return " ";
        if (tokenIs("tab")) return "\t";
        if (tokenIs("return")) return "\r";
        if (tokenIs("formfeed")) return "\f";
        if (tokenIs("backspace")) return "\b";
        if (tokenLength == 5 && token[0] == 'u') {
            int value = 0;
            for (int i = 1; i < 5 && value >= 0; i++) {
                int digit = hexDigit(token[i]);
                value = digit < 0 ? -1 : value * 16 + digit;
            }
            if (value >= 0) return String.valueOf((char) value);
        }
        throw error("unknown character literal \\" + tokenText()
                + "; expected one char, \\uXXXX, \\newline, \\space, \\tab, \\return, \\formfeed or \\backspace");
    }

    private String readKeyword() throws IOException, HistoryParseException {
        readToken();
        if (tokenLength == 0 || token[0] == ':') {
            throw error("expected a keyword name after ':', found "
                    + (tokenLength == 0 ? describeChar(peekChar()) : "':" + tokenText() + "'"));
        }
        return cache.get(token, tokenLength);
    }

    private Object readSymbol() throws IOException, HistoryParseException {
        readToken();
        if (tokenIs("nil")) return null;
        if (tokenIs("true")) return Boolean.TRUE;
        if (tokenIs("false")) return Boolean.FALSE;
        return cache.get(token, tokenLength);
    }

    /** Integers are Long unless they do not fit (BigInteger), with an optional N; floats are Double, M allowed. */
    private Object readNumber() throws IOException, HistoryParseException {
        readToken();
        char[] s = token;
        int n = tokenLength;
        int i = s[0] == '-' || s[0] == '+' ? 1 : 0;
        int digitsFrom = i;
        while (i < n && isDigit(s[i])) i++;
        int digits = i - digitsFrom;
        if (i == n || (i == n - 1 && s[i] == 'N')) return integer(s, digitsFrom, digits);
        if (s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) i++;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            if (i < n && (s[i] == '-' || s[i] == '+')) i++;
            int exponentFrom = i;
            while (i < n && isDigit(s[i])) i++;
            if (i == exponentFrom) throw malformedNumber();
        }
        int end = i < n && s[i] == 'M' ? i + 1 : i;
        if (end != n) throw malformedNumber();
        return Double.parseDouble(new String(s, 0, i));
    }

    private Object integer(char[] s, int digitsFrom, int digits) {
        boolean negative = s[0] == '-';
        if (digits <= 18) {
            long value = 0;
            for (int i = digitsFrom; i < digitsFrom + digits; i++) value = value * 10 + (s[i] - '0');
            return negative ? -value : value;
        }
        BigInteger big = new BigInteger(new String(s, digitsFrom, digits));
        if (negative) big = big.negate();
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private HistoryParseException malformedNumber() {
        return error("malformed number " + tokenText()
                + "; expected an integer like -12 or 12N, or a float like 1.5, 1e-3 or 1.5M");
    }

    // ---- Chars and tokens.

    /** Reads the symbol chars from here into {@link #token}. */
    private void readToken() throws IOException, HistoryParseException {
        tokenLength = 0;
        readTokenRest();
    }

    /** Scans runs of the buffer and copies each whole, rather than char by char. */
    private void readTokenRest() throws IOException, HistoryParseException {
        do {
            int from = pos;
            while (pos < limit && isSymbolChar(buf[pos])) pos++;
            append(from, pos);
            if (pos < limit) return;
        } while (fill());
    }

    private void append(int from, int to) {
        int n = to - from;
        if (tokenLength + n > token.length) token = Arrays.copyOf(token, Math.max(token.length * 2, tokenLength + n));
        System.arraycopy(buf, from, token, tokenLength, n);
        tokenLength += n;
    }

    private void append(char c) {
        if (tokenLength == token.length) token = Arrays.copyOf(token, tokenLength * 2);
        token[tokenLength++] = c;
    }

    private boolean tokenIs(String word) {
        if (tokenLength != word.length()) return false;
        for (int i = 0; i < tokenLength; i++) {
            if (token[i] != word.charAt(i)) return false;
        }
        return true;
    }

    private String tokenText() {
        return abbreviate(new String(token, 0, tokenLength));
    }

    private void skipComment() throws IOException, HistoryParseException {
        while (pos < limit || fill()) {
            if (buf[pos] == '\n') return;
            pos++;
        }
    }

    private int peekChar() throws IOException, HistoryParseException {
        return pos < limit || fill() ? buf[pos] : END;
    }

    private int peekSecondChar() throws IOException, HistoryParseException {
        while (limit - pos < 2) {
            if (!fill()) return END;
        }
        return buf[pos + 1];
    }

    /** Reads more input after the unread chars; false at the end of the input. */
    private boolean fill() throws IOException, HistoryParseException {
        if (exhausted) return false;
        if (recording != null) {
            recording.append(buf, recordFrom, pos - recordFrom);
            recordFrom = 0;
        }
        int unread = limit - pos;
        System.arraycopy(buf, pos, buf, 0, unread);
        pos = 0;
        limit = unread;
        int n;
        try {
            do {
                n = in.read(buf, limit, buf.length - limit);
            } while (n == 0);
        } catch (CharacterCodingException e) {
            throw e instanceof Utf8Reader.NotUtf8 at ? error(at.line(), Utf8Reader.NOT_UTF8) : error(History.NOT_UTF8);
        }
        if (n < 0) {
            exhausted = true;
            return false;
        }
        limit += n;
        return true;
    }

    private static boolean isWhitespace(int c) {
        if (c <= ' ') return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
        return c == ',' || (c > 127 && (c == '\uFEFF' || Character.isWhitespace(c)));
    }

    /** ASCII only: Character.digit would also take fullwidth and other Unicode digits. */
    private static int hexDigit(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static boolean isCloser(int c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSymbolChar(int c) {
        return c < 128 ? c >= 0 && SYMBOL_CHARS[c] : Character.isLetterOrDigit(c);
    }

    private static boolean isTagStart(int c) {
        return c >= 0 && Character.isLetter(c);
    }

    private String describeChar(int c) {
        if (c == END) return endName;
        if (c > ' ' && c < 127) return "'" + (char) c + "'";
        return String.format("U+%04X", c);
    }

    /** A value read, for an error message; {@code first} was its first char, which tells a keyword from a string. */
    private static String describe(Object value, int first) {
        if (first == ':') return ":" + value;
        if (first == '"') return abbreviate("\"" + value + "\"");
        return value == null ? "nil" : abbreviate(String.valueOf(value));
    }
}
