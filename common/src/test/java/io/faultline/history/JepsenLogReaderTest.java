package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JepsenLogReaderTest {

    private static History parse(String text) throws HistoryParseException {
        return History.parse(text, HistoryFormat.JEPSEN_LOG);
    }

    private static HistoryParseException failure(String text) {
        try {
            parse(text);
        } catch (HistoryParseException e) {
            return e;
        }
        throw new AssertionError("expected a HistoryParseException for:\n" + text);
    }

    @Test
    void readsTabSeparatedOpLines() throws Exception {
        History h = parse("""
                INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]
                INFO  jepsen.util - 2\t:ok\t:cas\t[3 0]
                INFO  jepsen.util - 0\t:invoke\t:read\tnil
                INFO  jepsen.util - 0\t:ok\t:read\t3
                """);
        assertThat(h.ops()).containsExactly(
                Op.invoke(2, "cas", List.of(3L, 0L)).withIndex(0),
                Op.ok(2, "cas", List.of(3L, 0L)).withIndex(1),
                Op.invoke(0, "read", null).withIndex(2),
                Op.ok(0, "read", 3L).withIndex(3));
    }

    @Test
    void readsColumnsSeparatedByRunsOfSpaces() throws Exception {
        assertThat(parse("INFO  jepsen.util - 17  :invoke :write   4\n").get(0)).isEqualTo(Op.invoke(17, "write", 4L).withIndex(0));
    }

    @Test
    void readsLinesWithATimestampAndThreadBeforeTheLogger() throws Exception {
        History h = parse("""
                2017-03-01 12:00:00,123{GMT}\tINFO\t[jepsen worker 3] jepsen.util: 3\t:invoke\t:read\tnil
                2017-03-01 12:00:00,125{GMT}\tINFO\t[jepsen worker 3] jepsen.util: 3\t:ok\t:read\t{:x [1 "a"]}
                """);
        assertThat(h.ops()).containsExactly(
                Op.invoke(3, "read", null).withIndex(0),
                Op.ok(3, "read", Map.of("x", List.of(1L, "a"))).withIndex(1));
    }

    @Test
    void readsNemesisOps() throws Exception {
        Op op = parse("INFO  jepsen.util - :nemesis\t:info\t:start\t\"partitioned [n1 n2]\"").get(0);
        assertThat(op.isNemesis()).isTrue();
        assertThat(op.value()).isEqualTo("partitioned [n1 n2]");
        assertThat(op.error()).isNull();
    }

    @Test
    void skipsLinesOfOtherLoggersStackTracesAndBlankLines() throws Exception {
        History h = parse("""
                INFO  jepsen.core - Running test
                INFO  jepsen.util - 1\t:invoke\t:read\tnil

                WARN  jepsen.utility - 1\t:nonsense
                java.lang.RuntimeException: boom
                \tat jepsen.util$timeout.invoke(util.clj:12)
                \tat myjepsen.util - 3 :bad
                INFO  jepsen.util - 1\t:ok\t:read\t2
                """);
        assertThat(h.ops()).extracting(Op::type).containsExactly(OpType.INVOKE, OpType.OK);
    }

    @Test
    void takesAKeywordValueOfAFailOrInfoAsTheError() throws Exception {
        History h = parse("""
                INFO  jepsen.util - 3\t:fail\t:read\t:timed-out
                INFO  jepsen.util - 4\t:info\t:write\t:timed-out
                INFO  jepsen.util - 5\t:ok\t:read\t:a-keyword-value
                """);
        assertThat(h.get(0)).isEqualTo(Op.fail(3, "read", null).withError("timed-out").withIndex(0));
        assertThat(h.get(1)).isEqualTo(Op.info(4, "write", null).withError("timed-out").withIndex(1));
        assertThat(h.get(2)).isEqualTo(Op.ok(5, "read", "a-keyword-value").withIndex(2));
    }

    @Test
    void readsTheErrorColumnOfNewerJepsen() throws Exception {
        History h = parse("""
                INFO  jepsen.util - 3\t:fail\t:cas\t[1 2]\t:mismatch
                INFO  jepsen.util - 4\t:info\t:write\t:x\tjava.net.SocketTimeoutException: Read timed out
                """);
        assertThat(h.get(0)).isEqualTo(Op.fail(3, "cas", List.of(1L, 2L)).withError("mismatch").withIndex(0));
        assertThat(h.get(1)).isEqualTo(Op.info(4, "write", "x")
                .withError("java.net.SocketTimeoutException: Read timed out").withIndex(1));
    }

    @Test
    void leavesTimeUnsetAndIndexesOpsByPosition() throws Exception {
        History h = parse("INFO  jepsen.util - 1\t:invoke\t:read\tnil\nnoise\nINFO  jepsen.util - 1\t:ok\t:read\tnil\n");
        assertThat(h.ops()).extracting(Op::time).containsOnly(Op.NO_TIME);
        assertThat(h.ops()).extracting(Op::index).containsExactly(0L, 1L);
    }

    @Test
    void namesTheLineOfAnUnknownType() {
        HistoryParseException e = failure("INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO boot\nINFO  jepsen.util - 1\t:okay\t:read\tnil\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e).hasMessageContaining(":3:").hasMessageContaining("expected a type (:invoke :ok :fail :info), found :okay");
    }

    @Test
    void rejectsLinesWithMissingOrMalformedColumns() {
        assertThat(failure("INFO  jepsen.util - 1\t:invoke\t:read"))
                .hasMessageContaining("expected a value, found end of line");
        assertThat(failure("INFO  jepsen.util - Running the test"))
                .hasMessageContaining("expected a process (a non-negative integer or :nemesis), found Running");
        assertThat(failure("INFO  jepsen.util - "))
                .hasMessageContaining("expected a process (a non-negative integer or :nemesis), found end of line");
        assertThat(failure("INFO  jepsen.util - 1\t:invoke\t7\tnil"))
                .hasMessageContaining("expected f (a keyword or a string), found 7");
        assertThat(failure("\nINFO  jepsen.util - 1\t:invoke\t:cas\t[1 2"))
                .hasMessageContaining(":2:").hasMessageContaining("expected ']' to close the vector opened on line 2, found end of line");
    }

    @Test
    void survivesRandomTruncationsAndMutationsWithOnlyParseErrors() {
        String valid = """
                INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]
                2017-03-01 12:00:00,123{GMT}\tINFO\t[jepsen worker 3] jepsen.util: 3\t:fail\t:read\t:timed-out
                INFO  jepsen.util - :nemesis  :info   :start  {:nodes #{"n1"}}\t:oops
                """;
        char[] noise = "{}[]()#_:;\"\\ ,\n\t0123456789.-+@\u0000".toCharArray();
        Random random = new Random(99);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 2000; i++) {
                String mutated = EdnHistoryReaderTest.mutate(valid, random, noise);
                try {
                    parse(mutated);
                } catch (HistoryParseException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("unexpected " + e + " reading:\n" + mutated, e);
                }
            }
        });
    }
}
