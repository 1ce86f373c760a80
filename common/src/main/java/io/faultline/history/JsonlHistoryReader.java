package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Faultline's JSONL history: one op object per line. It streams tokens with Jackson's parser straight from
 * the bytes, with no tree per line and no decoding pass before it, and shares the strings that repeat (f, keys,
 * nodes, short values) as the EDN reader does.
 *
 * <p>An op is one JSON object on one line, so a line cut short is reported on its own line rather than where the
 * parser noticed, on the next. Errors are the project's own words, never the parser's.
 */
public final class JsonlHistoryReader implements HistoryReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_DEPTH = StreamReadConstraints.defaults().getMaxNestingDepth();
    private static final int MAX_DIGITS = StreamReadConstraints.defaults().getMaxNumberLength();

    @Override
    public void read(String source, Reader in, Sink sink) throws IOException, HistoryParseException {
        try (JsonParser parser = JSON.createParser(in)) {
            new OpParser(source, parser).readAll(sink);
        }
    }

    @Override
    public void read(String source, InputStream in, Sink sink) throws IOException, HistoryParseException {
        try (JsonParser parser = JSON.createParser(in)) {
            new OpParser(source, parser).readAll(sink);
        }
    }

    /**
     * Reads a large file in parts, one per core, side by side: every line is an op, so a file splits cleanly after
     * any newline. Each part counts its lines from 1; the ops and any error are then renumbered by the lines of
     * the parts before, and the error reported is the first in the file.
     */
    @Override
    public void read(Path file, Sink sink) throws IOException, HistoryParseException {
        long size = Files.size(file);
        int cores = Runtime.getRuntime().availableProcessors();
        long[] starts = partStarts(file, size, (int) Math.min(Math.min(cores, MAX_PARTS), size / PART_BYTES));
        if (starts.length < 2) {
            HistoryReader.super.read(file, sink);
            return;
        }
        String source = file.toString();
        Part[] parts = new Part[starts.length];
        Thread[] threads = new Thread[starts.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new Part(source, file, starts[i], i + 1 < starts.length ? starts[i + 1] : size);
            if (i > 0) {
                threads[i] = new Thread(parts[i], "faultline-read-" + i);
                threads[i].setDaemon(true);
                threads[i].start();
            }
        }
        parts[0].run();
        for (int i = 1; i < threads.length; i++) {
            try {
                threads[i].join();
            } catch (InterruptedException e) {
                for (Thread t : threads) if (t != null) t.interrupt();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + source);
            }
        }
        long linesBefore = 0;
        for (Part part : parts) {
            part.rethrow(linesBefore);
            for (int i = 0; i < part.ops.size(); i++) sink.accept(part.ops.get(i), part.lines[i] + linesBefore);
            linesBefore += part.newlines;
        }
    }

    /** Parts smaller than this are not worth a thread. */
    private static final long PART_BYTES = 8L << 20;
    private static final int MAX_PARTS = 8;

    /** Where each part starts: 0, then just after the first newline at or after each even share of the file. */
    private static long[] partStarts(Path file, long size, int parts) throws IOException {
        if (parts < 2) return new long[] {0};
        long[] starts = new long[parts];
        int count = 1;
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (int k = 1; k < parts; k++) {
                long at = Math.max(size * k / parts, starts[count - 1] + 1);
                long newline = -1;
                while (newline < 0 && at < size) {
                    buffer.clear();
                    int n = channel.read(buffer, at);
                    if (n <= 0) break;
                    for (int i = 0; i < n; i++) {
                        if (buffer.get(i) == '\n') {
                            newline = at + i;
                            break;
                        }
                    }
                    at += n;
                }
                if (newline < 0 || newline + 1 >= size) break;
                starts[count++] = newline + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** One part of a file, read on its own thread; its lines count from 1. */
    private static final class Part implements Runnable {
        private final String source;
        private final Path file;
        private final long start;
        private final long end;
        final List<Op> ops = new ArrayList<>();
        long[] lines = new long[1 << 10];
        long newlines;
        private Throwable failure;

        Part(String source, Path file, long start, long end) {
            this.source = source;
            this.file = file;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try (FileChannel channel = FileChannel.open(file); InputStream in = new Region(channel, start, end)) {
                try (JsonParser parser = JSON.createParser(in)) {
                    new OpParser(source, parser).readAll((op, line) -> {
                        int at = ops.size();
                        if (at == lines.length) lines = Arrays.copyOf(lines, at * 2);
                        lines[at] = line;
                        ops.add(op);
                    });
                }
                newlines = ((Region) in).newlines;
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Throws what reading this part threw, its line moved past the parts before. */
        void rethrow(long linesBefore) throws IOException, HistoryParseException {
            if (failure == null) return;
            if (failure instanceof HistoryParseException e) {
                throw new HistoryParseException(e.source(), e.line() + linesBefore, e.problem());
            }
            if (failure instanceof IOException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            throw new IllegalStateException(failure);
        }
    }

    /** The bytes of a file from {@code start} to {@code end}, counting the newlines read. */
    private static final class Region extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;
        long newlines;

        Region(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (position >= end) return -1;
            int n = channel.read(ByteBuffer.wrap(into, offset, (int) Math.min(length, end - position)), position);
            if (n < 0) return -1;
            position += n;
            for (int i = offset; i < offset + n; i++) {
                if (into[i] == '\n') newlines++;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** The state of one read: the parser, the strings seen, and where in an op it is, for error messages. */
    private static final class OpParser {
        /** One bit per field, to catch a field given twice. */
        private static final int INDEX = 1;
        private static final int TIME = 1 << 1;
        private static final int TYPE = 1 << 2;
        private static final int PROCESS = 1 << 3;
        private static final int F = 1 << 4;
        private static final int VALUE = 1 << 5;
        private static final int KEY = 1 << 6;
        private static final int NODE = 1 << 7;
        private static final int ERROR = 1 << 8;

        private final String source;
        private final JsonParser p;
        private final TokenCache strings = new TokenCache();
        private final OpFields fields = new OpFields();
        /** The line of the op being read, 0 between ops. */
        private long opLine;

        OpParser(String source, JsonParser parser) {
            this.source = source;
            this.p = parser;
        }

        void readAll(Sink sink) throws IOException, HistoryParseException {
            long previousEnd = 0;
            try {
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    long line = tokenLine();
                    if (token != JsonToken.START_OBJECT) {
                        throw error(line, "expected a JSON object {...} (one op per line), found " + found(token));
                    }
                    if (line == previousEnd) throw error(line, "a second op on this line; write one op per line");
                    opLine = line;
                    Op op = readOp();
                    long end = tokenLine();
                    if (end != line) {
                        throw error(line, "the op goes on to line " + end + "; write each op on one line");
                    }
                    sink.accept(op, line);
                    previousEnd = end;
                    opLine = 0;
                }
            } catch (JsonProcessingException e) {
                throw translate(e);
            } catch (CharacterCodingException e) {
                throw error(p.currentLocation().getLineNr(), History.NOT_UTF8);
            }
        }

        private Op readOp() throws IOException, HistoryParseException {
            long index = -1;
            long time = Op.NO_TIME;
            OpType type = null;
            int process = OpFields.NOT_A_PROCESS;
            String f = null;
            Object value = null;
            Object key = null;
            String node = null;
            String error = null;
            Map<String, Object> extra = null;
            int seen = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                int bit = switch (name) {
                    case "index" -> {
                        index = count(t, "index");
                        yield INDEX;
                    }
                    case "time" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            throw expected("time", "an integer of nanoseconds", t);
                        }
                        time = p.getLongValue();
                        yield TIME;
                    }
                    case "type" -> {
                        type = t == JsonToken.VALUE_STRING ? type() : null;
                        if (type == null) throw expected("type", "one of \"invoke\", \"ok\", \"fail\", \"info\"", t);
                        yield TYPE;
                    }
                    case "process" -> {
                        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            process = OpFields.process((long) p.getIntValue());
                        } else if (t == JsonToken.VALUE_STRING) {
                            process = OpFields.process(text());
                        }
                        if (process == OpFields.NOT_A_PROCESS) {
                            throw expected("process", "a non-negative integer or \"nemesis\"", t);
                        }
                        yield PROCESS;
                    }
                    case "f" -> {
                        if (t != JsonToken.VALUE_STRING) throw expected("f", "a string", t);
                        f = fields.f(text());
                        yield F;
                    }
                    case "value" -> {
                        value = readValue(t);
                        yield VALUE;
                    }
                    case "key" -> {
                        key = readValue(t);
                        yield KEY;
                    }
                    case "node" -> {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) throw expected("node", "a string", t);
                        node = t == JsonToken.VALUE_NULL ? null : text();
                        yield NODE;
                    }
                    case "error" -> {
                        error = t == JsonToken.VALUE_NULL ? null
                                : t == JsonToken.VALUE_STRING ? text() : String.valueOf(readValue(t));
                        yield ERROR;
                    }
                    default -> {
                        if (extra == null) extra = new LinkedHashMap<>();
                        if (extra.containsKey(name)) throw duplicate(name);
                        extra.put(name, readValue(t));
                        yield 0;
                    }
                };
                if ((seen & bit) != 0) throw duplicate(name);
                seen |= bit;
            }
            if (type == null) throw missing("type");
            if (process == OpFields.NOT_A_PROCESS) throw missing("process");
            if (f == null) throw missing("f");
            return new Op(index, time, type, process, f, value, key, node, error, extra);
        }

        private long count(JsonToken t, String name) throws IOException, HistoryParseException {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw expected(name, "a non-negative integer", t);
            }
            return p.getLongValue();
        }

        /** The line of the current token; Jackson's parsers tell it without making a location object. */
        private long tokenLine() {
            return p instanceof ParserBase base ? base.getTokenLineNr() : p.currentTokenLocation().getLineNr();
        }

        /** The type the current string names, or null; told from its chars, as there are four and they differ early. */
        private OpType type() throws IOException {
            char[] chars = p.getTextCharacters();
            int at = p.getTextOffset();
            OpType named = switch (p.getTextLength()) {
                case 2 -> OpType.OK;
                case 4 -> chars[at] == 'f' ? OpType.FAIL : OpType.INFO;
                case 6 -> OpType.INVOKE;
                default -> null;
            };
            if (named == null) return null;
            String wire = named.wireName();
            for (int i = 0; i < wire.length(); i++) {
                if (chars[at + i] != wire.charAt(i)) return null;
            }
            return named;
        }

        /** The current string token, shared with earlier repeats of it. */
        private String text() throws IOException {
            return strings.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }

        /** JSON to plain Java data: Long (BigInteger when it does not fit), Double, String, Boolean, null, List, Map. */
        private Object readValue(JsonToken t) throws IOException {
            return switch (t) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue() : (Object) p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_STRING -> text();
                case START_ARRAY -> {
                    // Most arrays in histories are pairs ([from to] of a cas): sized to fit, millions of them weigh less.
                    JsonToken next = p.nextToken();
                    if (next == JsonToken.END_ARRAY) yield new ArrayList<>(0);
                    Object first = readValue(next);
                    next = p.nextToken();
                    if (next == JsonToken.END_ARRAY) {
                        List<Object> one = new ArrayList<>(1);
                        one.add(first);
                        yield one;
                    }
                    Object second = readValue(next);
                    next = p.nextToken();
                    List<Object> list = new ArrayList<>(next == JsonToken.END_ARRAY ? 2 : 8);
                    list.add(first);
                    list.add(second);
                    for (; next != JsonToken.END_ARRAY; next = p.nextToken()) list.add(readValue(next));
                    yield list;
                }
                case START_OBJECT -> {
                    Map<String, Object> map = new HashMap<>();
                    String name;
                    while ((name = p.nextFieldName()) != null) map.put(name, readValue(p.nextToken()));
                    yield map;
                }
                default -> throw new IllegalStateException("unexpected JSON token " + t);
            };
        }

        /** The parser's complaint, in the project's words, on the line of the op it was reading. */
        private HistoryParseException translate(JsonProcessingException e) {
            long line = e.getLocation() != null ? e.getLocation().getLineNr() : p.currentLocation().getLineNr();
            int column = e.getLocation() != null ? e.getLocation().getColumnNr() : p.currentLocation().getColumnNr();
            if (e instanceof JsonEOFException) {
                return error(opLine > 0 ? opLine : line, "the file ends inside this op's JSON object (a truncated line?)");
            }
            if (opLine > 0 && line > opLine) {
                return error(opLine, "the line ends inside this op's JSON object (a truncated line?)");
            }
            if (e instanceof StreamConstraintsException) {
                JsonStreamContext context = p.getParsingContext();
                if (context != null && context.getNestingDepth() >= MAX_DEPTH) {
                    return error(line, "values nested deeper than " + MAX_DEPTH + " levels" + inField());
                }
                if (message(e).startsWith("Number value length")) {
                    return error(line, "a number longer than " + MAX_DIGITS + " digits" + inField());
                }
                return error(line, "a value too long to read" + inField());
            }
            // Jackson tells these apart only by its message; the malformed-history tests pin the words.
            String message = message(e);
            if ((message.contains("CTRL-CHAR, code 10)") || message.contains("CTRL-CHAR, code 13)"))) {
                return error(opLine > 0 ? opLine : line, "the line ends inside a string of this op (a truncated line?)");
            }
            if (message.startsWith("Invalid UTF-8")) {
                return error(line, "not UTF-8 text: bytes that are not UTF-8 at column " + column + inField());
            }
            return error(line, "not valid JSON at column " + column + ": " + expectation());
        }

        /** What the parser wanted, told from the last token it read and the container it is in. */
        private String expectation() {
            JsonToken last = p.currentToken();
            JsonStreamContext context = p.getParsingContext();
            if (last == null || context == null || context.inRoot()) return "expected a JSON object {...}";
            if (context.inArray()) return "expected a value, ',' or ']' in an array" + inField();
            if (last == JsonToken.START_OBJECT) return "expected a field name in double quotes, or '}'";
            if (last == JsonToken.FIELD_NAME) return "expected a value for \"" + context.getCurrentName() + "\"";
            return "expected ',' or '}' after the value of \"" + context.getCurrentName() + "\"";
        }

        /** The op's field being read, from the op object's context: nested values sit below it. */
        private String inField() {
            JsonStreamContext context = p.getParsingContext();
            while (context != null && context.getParent() != null && !context.getParent().inRoot()) {
                context = context.getParent();
            }
            String name = context != null && context.inObject() ? context.getCurrentName() : null;
            return name == null ? "" : " (in the value of \"" + name + "\")";
        }

        private static String message(JsonProcessingException e) {
            return e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        }

        private String found(JsonToken t) throws IOException {
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "\"" + EdnReader.abbreviate(p.getText()) + "\"";
                default -> EdnReader.abbreviate(p.getText());
            };
        }

        private HistoryParseException expected(String name, String expectation, JsonToken t) throws IOException {
            return error(opLine, "field \"" + name + "\" must be " + expectation + "; found " + found(t));
        }

        private HistoryParseException duplicate(String name) {
            return error(opLine, "field \"" + name + "\" given twice");
        }

        private HistoryParseException missing(String name) {
            return error(opLine, "missing field \"" + name + "\"; every op needs \"type\", \"process\" and \"f\"");
        }

        private HistoryParseException error(long line, String problem) {
            return new HistoryParseException(source, line, problem);
        }
    }
}
