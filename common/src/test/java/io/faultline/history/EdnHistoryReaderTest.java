package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class EdnHistoryReaderTest {

    private static final String THREE_OPS_ONE_PER_LINE = """
            {:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}
            {:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}
            {:process 1, :type :invoke, :f :get, :key "4", :value nil}
            """;

    private static History parse(String text) throws HistoryParseException {
        return History.parse(text, HistoryFormat.EDN);
    }

    private static HistoryParseException failure(String text) {
        try {
            parse(text);
        } catch (HistoryParseException e) {
            return e;
        }
        throw new AssertionError("expected a HistoryParseException for:\n" + text);
    }

    private static List<Op> expectedThreeOps() {
        return List.of(
                Op.invoke(0, "append", "x 0 0 y").withKey("0").withIndex(0),
                Op.ok(0, "append", "x 0 0 y").withKey("0").withIndex(1),
                Op.invoke(1, "get", null).withKey("4").withIndex(2));
    }

    @Test
    void readsOneMapPerLine() throws Exception {
        assertThat(parse(THREE_OPS_ONE_PER_LINE).ops()).isEqualTo(expectedThreeOps());
    }

    @Test
    void readsMapsWrappedInAVector() throws Exception {
        assertThat(parse("[\n" + THREE_OPS_ONE_PER_LINE + "]\n").ops()).isEqualTo(expectedThreeOps());
    }

    @Test
    void readsMapsWrappedInAList() throws Exception {
        assertThat(parse("(" + THREE_OPS_ONE_PER_LINE + ")").ops()).isEqualTo(expectedThreeOps());
    }

    @Test
    void readsMapsSeparatedByAnyWhitespaceCommasAndComments() throws Exception {
        String text = """
                ; a history
                {:process 0, :type :invoke,
                 :f :append, :key "0",
                 :value "x 0 0 y"},{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}


                #_{:process 9 :type :invoke :f :ignored}
                \t{:process 1 :type :invoke :f :get :key "4" :value nil}   ; done
                """;
        assertThat(parse(text).ops()).isEqualTo(expectedThreeOps());
    }

    @Test
    void readsTaggedOpMapsAsTheMap() throws Exception {
        String text = "[#jepsen.history.Op{:index 0, :time 12, :type :invoke, :process 3, :f :read, :value nil}\n"
                + " #jepsen.history.Op {:index 1, :time 15, :type :ok, :process 3, :f :read, :value 5}]";
        assertThat(parse(text).ops()).containsExactly(
                new Op(0, 12, OpType.INVOKE, 3, "read", null, null, null, null, null),
                new Op(1, 15, OpType.OK, 3, "read", 5L, null, null, null, null));
    }

    @Test
    void readsEveryOpField() throws Exception {
        Op op = parse("{:index 7 :time 123456789 :type :info :process 4 :f :cas :value [1 2] :key 9 "
                + ":node \"n1\" :error :timed-out}").get(0);
        assertThat(op).isEqualTo(new Op(7, 123456789, OpType.INFO, 4, "cas", List.of(1L, 2L), 9L, "n1", "timed-out", null));
    }

    @Test
    void readsTheNemesisProcess() throws Exception {
        Op op = parse("{:type :info, :f :start-partition, :value [:isolated {\"n1\" #{\"n2\"}}], :process :nemesis}").get(0);
        assertThat(op.isNemesis()).isTrue();
        assertThat(op.value()).isEqualTo(List.of("isolated", Map.of("n1", Set.of("n2"))));
    }

    @Test
    void keepsOtherKeysInExtraUnderTheirName() throws Exception {
        Op op = parse("{:type :ok :process 1 :f :txn :value [] :debug {:retries 2} :sub-type :read "
                + ":jepsen.history/origin \"x\" :gone nil}").get(0);
        assertThat(op.extra()).isEqualTo(Map.of("debug", Map.of("retries", 2L), "sub-type", "read",
                "jepsen.history/origin", "x"));
    }

    @Test
    void rendersAnErrorThatIsNeitherKeywordNorStringAsItWasWritten() throws Exception {
        History h = parse("""
                {:type :fail :process 1 :f :read :error "connection refused"}
                {:type :fail :process 1 :f :read :error [:crash "refused"
                                                         {:code 7}]}
                {:type :fail :process 1 :f :read :error 500}
                {:type :ok :process 1 :f :read :error nil}
                """);
        assertThat(h.ops()).extracting(Op::error)
                .containsExactly("connection refused", "[:crash \"refused\" {:code 7}]", "500", null);
    }

    @Test
    void readsValuesAsPlainJavaData() throws Exception {
        Op op = parse("{:type :ok :process 1 :f :txn :value [[:append 9 1] [:r 7 nil] #{1 2} {:a 1.5 3 true} 99999999999999999999]}").get(0);
        assertThat(op.value()).isEqualTo(List.of(List.of("append", 9L, 1L), Arrays.asList("r", 7L, null), Set.of(1L, 2L),
                Map.of("a", 1.5, 3L, true), new java.math.BigInteger("99999999999999999999")));
    }

    @Test
    void internsF() throws Exception {
        Op op = parse("{:type :ok :process 1 :f :some-rare-operation-name}").get(0);
        assertThat(op.f()).isSameAs("some-rare-operation-name");
    }

    @Test
    void takesTheTypeAndFAlsoAsStrings() throws Exception {
        assertThat(parse("{:type \"ok\" :process 1 :f \"read\"}").get(0)).isEqualTo(Op.ok(1, "read", null).withIndex(0));
    }

    @Test
    void readsAnEmptyInputAsAnEmptyHistory() throws Exception {
        assertThat(parse("").size()).isZero();
        assertThat(parse(" ; nothing\n[]").size()).isZero();
    }

    @Test
    void namesTheLineOfAnUnknownType() {
        HistoryParseException e = failure("{:type :invoke :process 1 :f :read}\n".repeat(11)
                + "{:type :okay :process 1 :f :read}\n");
        assertThat(e.line()).isEqualTo(12);
        assertThat(e).hasMessageContaining(":12:")
                .hasMessageContaining("expected :type to be one of :invoke :ok :fail :info, found :okay");
    }

    @Test
    void namesTheLineOfAnUnterminatedString() {
        HistoryParseException e = failure("""
                {:type :invoke :process 1 :f :write :value "a"}
                {:type :ok :process 1 :f :write :value "a"}
                {:type :invoke :process 1 :f :write :value "b}
                """);
        assertThat(e).hasMessageContaining("unterminated string starting on line 3");
    }

    @Test
    void namesTheLineThatOpenedAnUnclosedMap() {
        HistoryParseException e = failure("""
                {:type :invoke :process 1 :f :read}
                {:type :ok :process 1 :f :read}
                {:type :invoke :process 2 :f :read}
                {:type :ok :process 2 :f :read}
                {:type :invoke
                 :process 3
                 :f :read""");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e).hasMessageContaining(":7:")
                .hasMessageContaining("expected '}' to close the map opened on line 5, found end of input");
    }

    @Test
    void namesTheLineOfSomethingThatIsNotAnOpMap() {
        HistoryParseException e = failure("{:type :invoke :process 1 :f :read}\n\n\n42\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e).hasMessageContaining("expected an op map {...}, found 42");
        assertThat(failure("[{:type :ok :process 1 :f :read} [1 2]]"))
                .hasMessageContaining("expected an op map {...}, found [1 2]");
        assertThat(failure("#inst \"2024-01-01\"")).hasMessageContaining("expected an op map {...}, found #inst \"2024-01-01\"");
        assertThat(failure("}")).hasMessageContaining("expected an op map {...}, found '}'");
    }

    @Test
    void reportsAMissingRequiredKey() {
        HistoryParseException e = failure("{:type :ok :process 1 :f :read}\n{:type :ok\n :f :read}");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e).hasMessageContaining("missing :process");
        assertThat(failure("{:process 1 :f :read}")).hasMessageContaining("missing :type");
        assertThat(failure("{:process 1 :type :ok}")).hasMessageContaining("missing :f");
    }

    @Test
    void rejectsAProcessThatIsNeitherAnIntegerNorTheNemesis() {
        assertThat(failure("{:type :ok :process :client :f :read}"))
                .hasMessageContaining("expected :process to be a non-negative integer or :nemesis, found :client");
        assertThat(failure("{:type :ok :process -3 :f :read}")).hasMessageContaining("found -3");
        assertThat(failure("{:type :ok :process 99999999999 :f :read}")).hasMessageContaining("found 99999999999");
    }

    @Test
    void rejectsWronglyTypedFields() {
        assertThat(failure("{:type :ok :process 1 :f 3}")).hasMessageContaining("expected :f to be a keyword or a string, found 3");
        assertThat(failure("{:type :ok :process 1 :f :read :time 1.5}"))
                .hasMessageContaining("expected :time to be a non-negative integer of nanoseconds, found 1.5");
        assertThat(failure("{:type :ok :process 1 :f :read :index \"7\"}"))
                .hasMessageContaining("expected :index to be a non-negative integer, found \"7\"");
        assertThat(failure("{:type :ok :process 1 :f :read :node [1]}"))
                .hasMessageContaining("expected :node to be a string, found [1]");
    }

    @Test
    void rejectsKeysThatAreNotKeywordsOrHaveNoValue() {
        assertThat(failure("{\"type\" :ok}"))
                .hasMessageContaining("expected a keyword key in the op map opened on line 1, found \"type\"");
        assertThat(failure("{:process 1 :f :read :type}"))
                .hasMessageContaining("expected a value for :type in the op map opened on line 1, found '}'");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(failure("{:type :ok :process 1 :f :read :type :ok}"))
                .hasMessageContaining("duplicate key :type in the op map opened on line 1");
        assertThat(failure("{:type :ok :process 1 :f :read :debug 1 :debug 2}"))
                .hasMessageContaining("duplicate key :debug");
    }

    @Test
    void namesTheLineThatOpenedAnUnclosedWrapper() {
        assertThat(failure("[\n{:type :ok :process 1 :f :read}\n"))
                .hasMessageContaining("expected ']' to close the vector opened on line 1, found end of input");
        assertThat(failure("({:type :ok :process 1 :f :read}]"))
                .hasMessageContaining("expected ')' to close the list opened on line 1, found ']'");
    }

    @Test
    void roundTripsThroughJsonl() throws Exception {
        String edn = """
                [{:index 0 :time 100 :type :invoke :process 0 :f :cas :value [1 2] :key "k1" :node "n1"}
                 {:index 1 :time 250 :type :fail :process 0 :f :cas :value [1 2] :key "k1" :error :mismatch}
                 {:index 2 :time 300 :type :invoke :process :nemesis :f :kill :value nil :debug {:tries 2}}
                 {:index 3 :time 320 :type :info :process :nemesis :f :kill :value ["n1" "n2"]}
                 {:index 4 :time 400 :type :invoke :process 12 :f :read :value nil}
                 {:index 5 :time 401 :type :ok :process 12 :f :read :value -9 :sub-type "x"}]
                """;
        History original = parse(edn);
        StringWriter jsonl = new StringWriter();
        original.writeJsonl(jsonl);
        History back = History.read("<jsonl>", new StringReader(jsonl.toString()), HistoryFormat.JSONL);
        assertThat(back.ops()).isEqualTo(original.ops()).hasSize(6);
    }

    @Test
    void survivesRandomTruncationsAndMutationsWithOnlyParseErrors() {
        String valid = """
                [#jepsen.history.Op{:index 0, :time 12, :type :invoke, :process 3, :f :read, :value nil}
                 {:process 0, :type :invoke, :f :append, :key "0", :value "x \\"0\\" 0 y\\u00e9"}
                 {:process :nemesis, :type :info, :f :start, :value #{[:a 1.5] {:b -2N}}, :error [:crash "x"]}
                 ; comment
                 {:process 1, :type :fail, :f :cas, :value (1 2), :node "n1", #_ :skipped #_ 3 :debug \\a}]
                """;
        char[] noise = "{}[]()#_:;\"\\ ,\n\t0123456789.-+NMeE@^~\u0000\u00e9\uffffabcxyz".toCharArray();
        Random random = new Random(20240607);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 2000; i++) {
                String mutated = mutate(valid, random, noise);
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

    /** Truncates, deletes, inserts or replaces a random stretch of the text, a few times over. */
    static String mutate(String text, Random random, char[] noise) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.setLength(at);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 2 -> s.insert(at, noise[random.nextInt(noise.length)]);
                default -> s.setCharAt(at, noise[random.nextInt(noise.length)]);
            }
        }
        return s.toString();
    }

    @Test
    void rejectsBinaryGarbage() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            char[] garbage = new char[1 + random.nextInt(200)];
            for (int j = 0; j < garbage.length; j++) garbage[j] = (char) random.nextInt(0x10000);
            String text = new String(garbage);
            assertThatThrownBy(() -> parse(text)).isInstanceOf(HistoryParseException.class);
        }
    }
}
