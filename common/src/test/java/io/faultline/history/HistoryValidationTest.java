package io.faultline.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.faultline.history.HistoryFormat.EDN;
import static io.faultline.history.HistoryFormat.JEPSEN_LOG;
import static io.faultline.history.HistoryFormat.JSONL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Malformed histories, each refused with one line naming the file, the line at fault and what is wrong, in the
 * project's words (never a library's); and histories that look odd but are sound, which must be accepted.
 */
class HistoryValidationTest {
    /** Words of the libraries and the JDK that would mean an error reached the user untranslated. */
    private static final List<String> LIBRARY_TEXT = List.of("Unexpected character", "(code ", "[Source:", "Input length",
            "com.fasterxml", "Exception", "exceeds the maximum", "was expecting", "Illegal", "jackson", "StreamConstraints");

    @TempDir
    Path dir;

    record Malformed(String name, HistoryFormat format, byte[] content, long line, String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String INVOKE_READ = "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}";
    private static final String OK_READ = "{\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}";

    static Stream<Malformed> malformed() {
        return Stream.of(
                // ---- JSONL, as read
                jsonl("invalid UTF-8 in a string", bytes(INVOKE_READ + "\n{\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":\"",
                        new byte[] {(byte) 0xFF}, "\"}\n"), 2, "not UTF-8"),
                jsonl("a broken UTF-8 sequence", bytes("{\"type\":\"invoke\",\"process\":0,\"f\":\"",
                        new byte[] {(byte) 0xC3, 0x28}, "\"}\n"), 1, "not UTF-8 text: bytes that are not UTF-8 at column 37 (in the value of \"f\")"),
                jsonl("JSON nested deeper than the parser allows", text(INVOKE_READ + "\n" + OK_READ + "\n"
                        + "{\"type\":\"invoke\",\"process\":1,\"f\":\"write\",\"value\":" + "[".repeat(3000) + "]".repeat(3000) + "}\n"),
                        3, "values nested deeper than 1000 levels (in the value of \"value\")"),
                jsonl("a number too long to read", text("{\"type\":\"invoke\",\"process\":1,\"f\":\"write\",\"value\":"
                        + "7".repeat(5000) + "}\n"), 1, "a number longer than 1000 digits (in the value of \"value\")"),
                jsonl("a line cut short, with a line after it", text(INVOKE_READ + "\n{\"type\":\"ok\",\"process\":0,\"f\":\"re\n"
                        + INVOKE_READ + "\n"), 2, "truncated"),
                jsonl("a line cut short inside a value", text(INVOKE_READ + "\n{\"type\":\"ok\",\"process\":0,\"value\":[1,\n"
                        + INVOKE_READ + "\n"), 2, "truncated"),
                jsonl("the last line cut short", text(INVOKE_READ + "\n{\"type\":\"ok\",\"process\":0,\"f\""), 2, "truncated"),
                jsonl("a line that is not JSON", text(INVOKE_READ + "\nhello\n"), 2, "not valid JSON at column 7: expected a JSON object"),
                jsonl("a missing comma", text("{\"type\":\"invoke\" \"process\":0,\"f\":\"read\"}\n"), 1, "expected ',' or '}'"),
                jsonl("a field name without quotes", text("{type:\"invoke\"}\n"), 1, "expected a field name in double quotes"),
                jsonl("a bad literal", text("{\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":tru}\n"), 1,
                        "not valid JSON at column"),
                jsonl("an array for an op", text("[1,2]\n"), 1, "expected a JSON object {...} (one op per line), found an array"),
                jsonl("an unknown type", text("{\"type\":\"start\",\"process\":0,\"f\":\"read\"}\n"), 1, "\"type\" must be one of"),
                jsonl("a negative process", text("{\"type\":\"invoke\",\"process\":-1,\"f\":\"read\"}\n"), 1,
                        "\"process\" must be a non-negative integer or \"nemesis\"; found -1"),
                jsonl("a process too large for a number", text("{\"type\":\"invoke\",\"process\":99999999999,\"f\":\"read\"}\n"), 1,
                        "\"process\" must be a non-negative integer"),
                jsonl("a fractional time", text("{\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"time\":1.5}\n"), 1,
                        "\"time\" must be an integer of nanoseconds"),
                jsonl("a field given twice", text("{\"type\":\"invoke\",\"process\":0,\"process\":1,\"f\":\"read\"}\n"), 1,
                        "\"process\" given twice"),
                jsonl("a missing f", text(INVOKE_READ + "\n\n{\"type\":\"ok\",\"process\":0}\n"), 3, "missing field \"f\""),
                jsonl("two ops on one line", text(INVOKE_READ + " " + OK_READ + "\n"), 1, "a second op on this line"),
                jsonl("an op over two lines", text("{\"type\":\"invoke\",\n\"process\":0,\"f\":\"read\"}\n"), 1, "goes on to line 2"),
                jsonl("an empty file", text(""), 0, "empty history"),
                jsonl("a file of whitespace", text("\n   \n\t\n"), 0, "empty history"),
                // ---- EDN and Jepsen logs, as read
                edn("bad EDN: a vector closed by a brace", text("{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value [1 2}\n"),
                        2, "expected ']'"),
                edn("an EDN string never closed", text("{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value \"abc}\n"),
                        2, "unterminated string starting on line 2"),
                edn("EDN that is not UTF-8", bytes("{:process 0 :type :invoke :f :read :value \"", new byte[] {(byte) 0xFF}, "\"}\n"),
                        1, "not UTF-8"),
                edn("EDN nested deeper than the reader allows", text("{:process 0 :type :invoke :f :read :value "
                        + "[".repeat(600) + "]".repeat(600) + "}\n"), 1, "nested deeper than"),
                edn("an EDN op map cut short at the end", text("{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok"), 2,
                        "the map opened on line 2"),
                edn("an empty EDN file", text(""), 0, "empty history"),
                log("a log line without a process", text("INFO  jepsen.util - x\t:invoke\t:read\tnil\n"), 1, "expected a process"),
                log("a log that is not UTF-8", bytes("INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\t\"",
                        new byte[] {(byte) 0xFF}, "\"\n"), 2, "not UTF-8"),
                log("a log without op lines", text("INFO  jepsen.core - Running test\n"), 0, "empty history"),
                // ---- Every format, as validated
                jsonl("a second invocation while one is pending", text(INVOKE_READ + "\n"
                        + "{\"type\":\"invoke\",\"process\":1,\"f\":\"read\"}\n"
                        + "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":3}\n"), 3,
                        "process 0 invokes write while its read invoked on line 1 is pending"),
                log("a second invocation while one is pending, in a log", text("INFO  jepsen.util - 2\t:invoke\t:read\tnil\n"
                        + "INFO  jepsen.core - something else\n"
                        + "INFO  jepsen.util - 2\t:invoke\t:write\t4\n"), 3, "invoked on line 1 is pending"),
                edn("a second invocation while one is pending, in an EDN vector", text("[{:process 0 :type :invoke :f :read}\n"
                        + " {:process 1 :type :invoke :f :read}\n"
                        + " {:process 0\n  :type :invoke :f :cas :value [1 2]}]\n"), 3, "invoked on line 1 is pending"),
                jsonl("a completion without an invocation", text(INVOKE_READ + "\n" + OK_READ + "\n" + OK_READ + "\n"), 3,
                        "process 0 completes read (ok) with no invocation pending"),
                edn("a completion without an invocation, in EDN", text("{:process 4 :type :info :f :write :value 1}\n"), 1,
                        "no invocation pending"),
                jsonl("a completion with another f", text(INVOKE_READ + "\n{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":1}\n"), 2,
                        "its pending invocation on line 1 is read"),
                log("a completion with another f, in a log", text("INFO  jepsen.util - 2\t:invoke\t:read\tnil\n"
                        + "INFO  jepsen.util - 2\t:fail\t:cas\t[1 2]\n"), 2, "its pending invocation on line 1 is read"),
                jsonl("a completion before its invocation", text(
                        "{\"time\":200,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                                + "{\"time\":100,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n"), 2,
                        "time goes backwards in process 0: this read completes at 100 ns, before the invocation on line 1 at 200 ns"),
                jsonl("a completion before an earlier invocation of its process", text(
                        "{\"time\":100,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                                + "{\"time\":300,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n"
                                + "{\"time\":90,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                                + "{\"time\":95,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n"), 4,
                        "before the invocation on line 1 at 100 ns"),
                edn("a completion before its invocation, in EDN", text("{:process 0 :type :invoke :f :read :time 50}\n"
                        + "{:process 1 :type :invoke :f :read :time 60}\n{:process 0 :type :ok :f :read :value nil :time 40}\n"), 3,
                        "time goes backwards in process 0"),
                jsonl("an op without a time among timed ones", text("{\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                        + OK_READ + "\n"), 2, "this op has no time, but the op on line 1 has one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedHistoryNamingItsLine(Malformed c) throws IOException {
        Path file = dir.resolve("history." + c.format().cliName());
        Files.write(file, c.content());
        HistoryParseException e = catchThrowableOfType(() -> HistoryValidation.validate(History.read(file, c.format())),
                HistoryParseException.class);
        assertThat(e).as("%s must be refused, never checked", c.name()).isNotNull();
        assertThat(e.line()).as(e.getMessage()).isEqualTo(c.line());
        assertThat(e.getMessage()).startsWith(file + ":" + c.line() + ": ").contains(c.fragment()).doesNotContain("\n");
        for (String words : LIBRARY_TEXT) assertThat(e.getMessage()).as("library text").doesNotContainIgnoringCase(words);
    }

    @Test
    void detectionRefusesAnEmptyHistoryAsTheGivenFormatDoes() throws IOException {
        Path file = dir.resolve("empty.jsonl");
        Files.writeString(file, "\n  \n");
        HistoryParseException detected = catchThrowableOfType(() -> History.read(file, null), HistoryParseException.class);
        HistoryParseException given = catchThrowableOfType(() -> HistoryValidation.validate(History.read(file, JSONL)),
                HistoryParseException.class);
        assertThat(detected.getMessage()).contains("empty history");
        assertThat(given.getMessage()).contains("empty history");
    }

    @Test
    void acceptsWhatJepsenAndWideningAllow() throws Exception {
        // An info closes the pending op; Jepsen would not reuse the number, but it is no second pending op.
        valid("{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}\n"
                + "{\"type\":\"info\",\"process\":0,\"f\":\"write\",\"value\":1}\n"
                + "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n");
        // Invocations left pending at the end are indeterminate, not malformed.
        valid(INVOKE_READ + "\n{\"type\":\"invoke\",\"process\":1,\"f\":\"read\"}\n");
        // Widened intervals: the next invocation stamped before the previous completion, even before the previous
        // invocation once the clock estimate improved, as long as no completion precedes an earlier invocation.
        valid("{\"time\":100,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "{\"time\":300,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n"
                + "{\"time\":95,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "{\"time\":400,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n");
        // Arrival order is not time order across processes.
        valid("{\"time\":500,\"type\":\"invoke\",\"process\":1,\"f\":\"read\"}\n"
                + "{\"time\":100,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "{\"time\":200,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n");
        // Nemesis ops are not client ops: overlapping starts, a stop without start, other f's, no times.
        valid("{\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "{\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"stop\"}\n"
                + "{\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"start\"}\n"
                + "{\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"start\"}\n"
                + "{\"time\":2,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n");
    }

    @Test
    void acceptsEveryReferenceHistory() throws Exception {
        Path porcupine = SharedHistories.porcupine();
        List<Path> files;
        try (Stream<Path> etcd = Files.list(porcupine.resolve("etcd")); Stream<Path> kv = Files.list(porcupine.resolve("kv"))) {
            files = Stream.concat(etcd, kv).sorted().toList();
        }
        assertThat(files).hasSize(108);
        for (Path file : files) {
            assertThatCode(() -> HistoryValidation.validate(History.read(file, null))).as(file.toString()).doesNotThrowAnyException();
        }
        Path recorded = porcupine.resolveSibling("faultline").resolve("etcd-stale-reads-3n-20s.jsonl");
        History history = History.read(recorded, JSONL);
        assertThatCode(() -> HistoryValidation.validate(history)).doesNotThrowAnyException();
        assertThat(history.size()).isEqualTo(4766);
    }

    @Test
    void keepsEachOpsLineThroughTimeOrder() throws Exception {
        History read = History.parse("{\"time\":500,\"type\":\"invoke\",\"process\":1,\"f\":\"read\"}\n\n"
                + "{\"time\":100,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "{\"time\":200,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n", JSONL);
        assertThat(List.of(read.line(0), read.line(1), read.line(2))).containsExactly(1L, 3L, 4L);
        History ordered = read.inTimeOrder();
        assertThat(ordered.ops()).extracting(Op::time).containsExactly(100L, 200L, 500L);
        assertThat(List.of(ordered.line(0), ordered.line(1), ordered.line(2))).containsExactly(3L, 4L, 1L);
        assertThat(ordered.source()).isEqualTo("<text>");
    }

    @Test
    void readsALargeFileInPartsNumberingLinesAsTheWholeFile() throws Exception {
        // Over 16 MiB, so that a machine with two cores reads it in two parts.
        int pairs = 100_000;
        StringBuilder text = new StringBuilder();
        String padding = "x".repeat(60);
        text.append('\n');
        for (int i = 0; i < pairs; i++) {
            text.append("{\"index\":").append(2 * i).append(",\"time\":").append(10L * i)
                    .append(",\"type\":\"invoke\",\"process\":").append(i % 7).append(",\"f\":\"write\",\"value\":\"")
                    .append(padding).append("\"}\n");
            text.append("{\"index\":").append(2 * i + 1).append(",\"time\":").append(10L * i + 5)
                    .append(",\"type\":\"ok\",\"process\":").append(i % 7).append(",\"f\":\"write\",\"value\":\"")
                    .append(padding).append("\"}\n");
        }
        Path file = dir.resolve("large.jsonl");
        Files.writeString(file, text);
        assertThat(Files.size(file)).isGreaterThan(16L << 20);
        History history = History.read(file, JSONL);
        HistoryValidation.validate(history);
        assertThat(history.size()).isEqualTo(2 * pairs);
        for (int i = 0; i < history.size(); i += 997) {
            assertThat(history.get(i).index()).isEqualTo(i);
            assertThat(history.line(i)).as("after the blank first line").isEqualTo(i + 2L);
        }

        // The last op cut short, in the file's last part.
        String cut = text.substring(0, text.length() - 40);
        Files.writeString(file, cut + "\n" + INVOKE_READ + "\n");
        long cutLine = 2L * pairs + 1;
        HistoryParseException e = catchThrowableOfType(() -> History.read(file, JSONL), HistoryParseException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ":" + cutLine + ": ").contains("truncated");
        // Errors in two parts: the first in the file is the one reported.
        Files.writeString(file, "hello\n" + cut + "\n");
        e = catchThrowableOfType(() -> History.read(file, JSONL), HistoryParseException.class);
        assertThat(e.line()).isEqualTo(1);
    }

    private static void valid(String jsonl) throws HistoryParseException {
        HistoryValidation.validate(History.parse(jsonl, JSONL));
    }

    private static Malformed jsonl(String name, byte[] content, long line, String fragment) {
        return new Malformed(name, JSONL, content, line, fragment);
    }

    private static Malformed edn(String name, byte[] content, long line, String fragment) {
        return new Malformed(name, EDN, content, line, fragment);
    }

    private static Malformed log(String name, byte[] content, long line, String fragment) {
        return new Malformed(name, JEPSEN_LOG, content, line, fragment);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text(before));
        out.writeBytes(middle);
        out.writeBytes(text(after));
        return out.toByteArray();
    }
}
