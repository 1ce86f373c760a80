package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdnReaderTest {

    private static Object read(String text) throws HistoryParseException {
        return EdnReader.readOne("<text>", text);
    }

    private static List<Object> readAll(Reader in) throws IOException, HistoryParseException {
        EdnReader edn = new EdnReader("<text>", in);
        List<Object> forms = new ArrayList<>();
        while (edn.hasNext()) forms.add(edn.read());
        return forms;
    }

    private static HistoryParseException failure(String text) {
        try {
            readAll(new StringReader(text));
        } catch (HistoryParseException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a HistoryParseException for: " + text);
    }

    @Test
    void readsNilAndBooleans() throws Exception {
        assertThat(read("nil")).isNull();
        assertThat(read("true")).isEqualTo(Boolean.TRUE);
        assertThat(read("false")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void readsKeywordsAsTheirNameWithoutTheColon() throws Exception {
        assertThat(read(":ok")).isEqualTo("ok");
        assertThat(read(":timed-out")).isEqualTo("timed-out");
        assertThat(read(":jepsen.history/foo")).isEqualTo("jepsen.history/foo");
    }

    @Test
    void readsSymbolsAsStrings() throws Exception {
        assertThat(read("foo.bar/baz")).isEqualTo("foo.bar/baz");
        assertThat(read("-")).isEqualTo("-");
        assertThat(read("nil?")).isEqualTo("nil?");
    }

    @Test
    void readsStringsWithEscapes() throws Exception {
        assertThat(read("\"a \\\"quoted\\\" \\\\ word\\n\\tend\"")).isEqualTo("a \"quoted\" \\ word\n\tend");
        assertThat(read("\"\\u00e9t\\u00C9\"")).isEqualTo("étÉ");
        assertThat(read("\"\\r\\b\\f\"")).isEqualTo("\r\b\f");
        assertThat(read("\"\"")).isEqualTo("");
    }

    @Test
    void readsStringsSpanningLinesAndCountsTheirLines() throws Exception {
        EdnReader edn = new EdnReader("<text>", new StringReader("\"one\ntwo\"\n:next"));
        assertThat(edn.read()).isEqualTo("one\ntwo");
        edn.peek();
        assertThat(edn.line()).isEqualTo(3);
    }

    @Test
    void readsIntegersAsLongs() throws Exception {
        assertThat(read("0")).isEqualTo(0L);
        assertThat(read("42")).isEqualTo(42L);
        assertThat(read("-7")).isEqualTo(-7L);
        assertThat(read("+7")).isEqualTo(7L);
        assertThat(read("12N")).isEqualTo(12L);
        assertThat(read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void readsIntegersTooBigForALongAsBigIntegers() throws Exception {
        assertThat(read("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(read("123456789012345678901234567890N")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read("-123456789012345678901234567890N")).isEqualTo(new BigInteger("-123456789012345678901234567890"));
    }

    @Test
    void readsFloatsAsDoubles() throws Exception {
        assertThat(read("1.5")).isEqualTo(1.5);
        assertThat(read("-2.25")).isEqualTo(-2.25);
        assertThat(read("1e3")).isEqualTo(1000.0);
        assertThat(read("2.5E-2")).isEqualTo(0.025);
        assertThat(read("1.5M")).isEqualTo(1.5);
        assertThat(read("3M")).isEqualTo(3.0);
        assertThat(read("##Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(read("##-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) read("##NaN")).isNaN();
    }

    @Test
    void readsCharactersAsStrings() throws Exception {
        assertThat(read("\\a")).isEqualTo("a");
        assertThat(read("\\newline")).isEqualTo("\n");
        assertThat(read("\\space")).isEqualTo(" ");
        assertThat(read("\\tab")).isEqualTo("\t");
        assertThat(read("\\u0041")).isEqualTo("A");
        assertThat(read("[\\( \\)]")).isEqualTo(List.of("(", ")"));
    }

    @Test
    void readsVectorsAndListsAsLists() throws Exception {
        assertThat(read("[1 \"two\" :three nil]")).isEqualTo(java.util.Arrays.asList(1L, "two", "three", null));
        assertThat(read("(1 (2 [3]))")).isEqualTo(List.of(1L, List.of(2L, List.of(3L))));
        assertThat(read("[]")).isEqualTo(List.of());
    }

    @Test
    void readsSetsAsLinkedHashSetsInTheirOrder() throws Exception {
        Object set = read("#{3 1 2}");
        assertThat(set).isInstanceOf(LinkedHashSet.class);
        assertThat(new ArrayList<>((LinkedHashSet<?>) set)).isEqualTo(List.of(3L, 1L, 2L));
    }

    @Test
    void readsMapsAsLinkedHashMapsWithKeywordKeysAsStrings() throws Exception {
        Object map = read("{:b 1, :a [2], 3 \"x\", \"s\" {:nested true}}");
        assertThat(map).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) map).keySet())).isEqualTo(List.of("b", "a", 3L, "s"));
        assertThat(map).isEqualTo(Map.of("b", 1L, "a", List.of(2L), 3L, "x", "s", Map.of("nested", true)));
    }

    @Test
    void readsATaggedElementAsItsValue() throws Exception {
        assertThat(read("#inst \"2024-01-02T03:04:05Z\"")).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(read("#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"")).isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertThat(read("#jepsen.history.Op{:type :ok}")).isEqualTo(Map.of("type", "ok"));
        assertThat(read("#my/tag [1]")).isEqualTo(List.of(1L));
    }

    @Test
    void treatsCommasAsWhitespace() throws Exception {
        assertThat(read(",,[1,2 ,3],,")).isEqualTo(List.of(1L, 2L, 3L));
    }

    @Test
    void skipsCommentsToTheEndOfTheLine() throws Exception {
        assertThat(read("; a comment\n[1 ; two\n 3] ; trailing")).isEqualTo(List.of(1L, 3L));
    }

    @Test
    void discardsTheFormAfterHashUnderscore() throws Exception {
        assertThat(read("[1 #_2 3]")).isEqualTo(List.of(1L, 3L));
        assertThat(read("[1 #_ [2 {:a 3}] 4]")).isEqualTo(List.of(1L, 4L));
        assertThat(read("[1 #_ #_ 2 3 4]")).isEqualTo(List.of(1L, 4L));
        assertThat(read("{:a 1 #_:b #_2}")).isEqualTo(Map.of("a", 1L));
        assertThat(read("#_ :gone :kept")).isEqualTo("kept");
    }

    @Test
    void readsSuccessiveFormsSeparatedByAnyWhitespace() throws Exception {
        assertThat(readAll(new StringReader(" 1 :a\n\n\"s\"\t[2]\r\n{:k nil}"))).containsExactly(1L, "a", "s", List.of(2L),
                java.util.Collections.singletonMap("k", null));
    }

    @Test
    void keepsTheSourceTextOfAFormWhenAsked() throws Exception {
        EdnReader edn = new EdnReader("<text>", new StringReader("  [:crash \"refused\"]  :next"));
        StringBuilder text = new StringBuilder();
        assertThat(edn.read(text)).isEqualTo(List.of("crash", "refused"));
        assertThat(text).hasToString("[:crash \"refused\"]");
        assertThat(edn.read()).isEqualTo("next");
    }

    @Test
    void readsTheSameFromAReaderThatHandsOutOneCharAtATime() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("{:i ").append(i).append(", :s \"line\\n ").append(i).append("\" :v [#_x 1.5 \\a #{:k} ##Inf]}\n");
        }
        List<Object> whole = readAll(new StringReader(text.toString()));
        List<Object> trickled = readAll(new OneCharAtATime(text.toString()));
        assertThat(trickled).hasSize(3000).isEqualTo(whole);

        EdnReader edn = new EdnReader("<text>", new OneCharAtATime(text.toString()));
        StringBuilder written = new StringBuilder();
        edn.read(written);
        assertThat(written).hasToString("{:i 0, :s \"line\\n 0\" :v [#_x 1.5 \\a #{:k} ##Inf]}");
    }

    @Test
    void namesTheLineOfAnUnterminatedString() {
        HistoryParseException e = failure("[1\n 2]\n\"never closed\n more");
        assertThat(e.line()).as("where it opens: where it ends is the end of the input").isEqualTo(3);
        assertThat(e).hasMessageContaining("unterminated string starting on line 3");
    }

    @Test
    void namesTheLineOpeningAnUnclosedCollection() {
        HistoryParseException e = failure("\n\n{:a 1\n :b [1 2]\n\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e).hasMessageContaining("expected '}' to close the map opened on line 3, found end of input");
        assertThat(failure("[1 (2 3"))
                .hasMessageContaining("expected ')' to close the list opened on line 1, found end of input");
    }

    @Test
    void rejectsAMismatchedClosingBracket() {
        assertThat(failure("[1\n 2}")).hasMessageContaining(":2:")
                .hasMessageContaining("expected ']' to close the vector opened on line 1, found '}'");
    }

    @Test
    void rejectsAStrayClosingBracket() {
        assertThat(failure("1 )")).hasMessageContaining("expected a value, found ')'");
    }

    @Test
    void rejectsAMapKeyWithoutValue() {
        assertThat(failure("{:a 1\n :b}"))
                .hasMessageContaining("expected a value for the key :b in the map opened on line 1, found '}'");
    }

    @Test
    void rejectsDuplicateMapKeysAndSetElements() {
        assertThat(failure("{:a 1 :a 2}")).hasMessageContaining("duplicate key :a in the map opened on line 1");
        assertThat(failure("#{1 2 1}")).hasMessageContaining("duplicate element 1 in the set opened on line 1");
    }

    @Test
    void rejectsUnsupportedEscapes() {
        assertThat(failure("\"a\\qb\"")).hasMessageContaining("unsupported escape 'q'");
        assertThat(failure("\"\\u12G4\"")).hasMessageContaining("expected 4 hex digits after \\u, found 'G'");
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThat(failure("12abc")).hasMessageContaining("malformed number 12abc");
        assertThat(failure("1.5.2")).hasMessageContaining("malformed number 1.5.2");
        assertThat(failure("1e")).hasMessageContaining("malformed number 1e");
    }

    @Test
    void rejectsALoneHash() {
        assertThat(failure("#")).hasMessageContaining("expected a tag, '{' or '_' after '#', found end of input");
        assertThat(failure("[#]")).hasMessageContaining("expected a tag, '{' or '_' after '#', found ']'");
        assertThat(failure("#_")).hasMessageContaining("expected a form to discard after #_, found end of input");
        assertThat(failure("#inst")).hasMessageContaining("expected a value after the tag #inst, found end of input");
        assertThat(failure("##Foo")).hasMessageContaining("expected ##Inf, ##-Inf or ##NaN, found ##Foo");
    }

    @Test
    void rejectsUnknownCharacterLiteralsAndEmptyKeywords() {
        assertThat(failure("\\bell")).hasMessageContaining("unknown character literal \\bell");
        assertThat(failure(": x")).hasMessageContaining("expected a keyword name after ':'");
    }

    @Test
    void rejectsCharactersThatStartNoValue() {
        assertThat(failure("[1 @x]")).hasMessageContaining("expected a value, found '@'");
        assertThat(failure("\u0001")).hasMessageContaining("expected a value, found U+0001");
    }

    @Test
    void rejectsNestingDeeperThanItsLimitWithoutOverflowingTheStack() {
        assertThat(failure("[".repeat(100_000))).hasMessageContaining("nested deeper than " + EdnReader.MAX_DEPTH);
        assertThat(failure("#_".repeat(100_000) + "1")).hasMessageContaining("nested deeper than");
        assertThat(failure("#{".repeat(100_000))).hasMessageContaining("nested deeper than");
    }

    @Test
    void rejectsTextAfterASingleValue() {
        assertThatThrownBy(() -> read("1 2")).isInstanceOf(HistoryParseException.class)
                .hasMessageContaining("expected the end of input after the value, found 2");
    }

    /** A reader that returns one char per call, so every token straddles a refill of the buffer. */
    private static final class OneCharAtATime extends Reader {
        private final String text;
        private int next;

        OneCharAtATime(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (next == text.length()) return -1;
            if (len == 0) return 0;
            cbuf[off] = text.charAt(next++);
            return 1;
        }

        @Override
        public void close() {
        }
    }
}
