package io.faultline.bench;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.linearizable.LinearizabilityChecker;
import io.faultline.checker.model.Models;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.JsonlHistoryWriter;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticKvHistoryTest {

    private static String generate(long ops, int keys, int processes, int staleReads, boolean cas, double infoRate) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticKvHistory(ops, keys, processes, staleReads, 7, cas, infoRate).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CheckResult check(String model, String jsonl) throws Exception {
        return new LinearizabilityChecker(Models.byName(model), Duration.ofSeconds(30)).check(History.parse(jsonl, HistoryFormat.JSONL));
    }

    @Test
    void manyKeysManyProcessesIsLinearizableByConstruction() throws Exception {
        String jsonl = generate(20_000, 50, 16, 0, true, 0.003);
        CheckResult result = check("cas-register", jsonl);
        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details().get("keys")).isEqualTo(50);
        assertThat(jsonl).contains("\"f\":\"cas\"").contains("\"type\":\"info\"").contains("\"type\":\"fail\"");
    }

    @Test
    void oneKeyIsOneRegistersHistoryWithoutKeys() throws Exception {
        // Kept small: one register with 16 concurrent processes is the hardest case for the search.
        String jsonl = generate(500, 1, 16, 0, false, 0.003);
        assertThat(jsonl).doesNotContain("\"key\"").doesNotContain("\"cas\"");
        History history = History.parse(jsonl, HistoryFormat.JSONL);
        // Realistic overlap: with 16 processes most operations are concurrent with others.
        int inFlight = 0, maxInFlight = 0;
        for (Op op : history.inTimeOrder()) {
            inFlight += op.type() == OpType.INVOKE ? 1 : -1;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }
        assertThat(maxInFlight).isGreaterThan(8);
        assertThat(history.ops()).anyMatch(op -> op.type() == OpType.INFO);
        assertThat(check("register", jsonl).valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void sequentialOperationsNeverOverlap() throws Exception {
        History history = History.parse(generate(10_000, 1, 1, 0, true, 0), HistoryFormat.JSONL);
        assertThat(history.size()).isEqualTo(20_000);
        long lastCompletion = -1;
        for (int i = 0; i < history.size(); i += 2) {
            Op invoke = history.get(i), completion = history.get(i + 1);
            assertThat(invoke.type()).isEqualTo(OpType.INVOKE);
            assertThat(completion.type()).isNotEqualTo(OpType.INVOKE).isNotEqualTo(OpType.INFO);
            assertThat(invoke.process()).isZero();
            assertThat(invoke.time()).isGreaterThan(lastCompletion);
            lastCompletion = completion.time();
        }
        assertThat(check("cas-register", history.ops().stream().map(SyntheticKvHistoryTest::line).reduce("", String::concat)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void injectedStaleReadsMakeItInvalid() throws Exception {
        assertThat(check("register", generate(2_000, 1, 8, 1, false, 0.003)).valid()).isEqualTo(Verdict.INVALID);
        assertThat(check("cas-register", generate(20_000, 20, 16, 3, true, 0.003)).valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void linesAreWhatTheJsonlWriterWrites() throws Exception {
        String jsonl = generate(2_000, 3, 4, 1, true, 0.01);
        StringWriter rewritten = new StringWriter();
        try (JsonlHistoryWriter writer = new JsonlHistoryWriter(rewritten)) {
            for (Op op : History.parse(jsonl, HistoryFormat.JSONL)) writer.append(op);
        }
        assertThat(rewritten.toString()).isEqualTo(jsonl);
    }

    @Test
    void aSeedGivesTheSameBytes() throws Exception {
        assertThat(generate(5_000, 10, 8, 1, true, 0.003)).isEqualTo(generate(5_000, 10, 8, 1, true, 0.003));
    }

    private static String line(Op op) {
        StringWriter w = new StringWriter();
        try (JsonlHistoryWriter writer = new JsonlHistoryWriter(w)) {
            writer.append(op);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }
}
