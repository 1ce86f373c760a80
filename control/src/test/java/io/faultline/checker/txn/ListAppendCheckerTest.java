package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each anomaly class from a small hand-written list-append history, with the explanation the checker gives. */
class ListAppendCheckerTest {

    /** Transactions one after another, each on its own process: no realtime or process edge closes a cycle by accident. */
    static String sequential(String... values) {
        StringBuilder edn = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String type = values[i].startsWith("fail ") ? ":fail" : ":ok";
            String v = values[i].replaceFirst("^fail ", "");
            edn.append("{:process ").append(i).append(", :type :invoke, :f :txn, :value ").append(v).append("}\n");
            edn.append("{:process ").append(i).append(", :type ").append(type).append(", :f :txn, :value ").append(v).append("}\n");
        }
        return edn.toString();
    }

    /** All transactions invoked before any completes: no realtime order at all. */
    static String concurrent(String... values) {
        StringBuilder edn = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            edn.append("{:process ").append(i).append(", :type :invoke, :f :txn, :value ").append(values[i]).append("}\n");
        }
        for (int i = 0; i < values.length; i++) {
            edn.append("{:process ").append(i).append(", :type :ok, :f :txn, :value ").append(values[i]).append("}\n");
        }
        return edn.toString();
    }

    static CheckResult check(String edn, String... models) {
        return check(TxnChecker.LIST_APPEND, edn, HistoryFormat.EDN, models);
    }

    static CheckResult check(String checker, String text, HistoryFormat format, String... models) {
        try {
            return new TxnChecker(checker, List.of(models), Duration.ofSeconds(10)).check(History.parse(text, format));
        } catch (HistoryParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(CheckResult r, String anomaly) {
        return ((Map<String, List<Map<String, Object>>>) r.details().get("anomalies")).get(anomaly);
    }

    @SuppressWarnings("unchecked")
    static List<String> steps(CheckResult r, String anomaly) {
        return (List<String>) cases(r, anomaly).get(0).get("steps");
    }

    @Test
    void serialHistoryIsStrictSerializable() {
        CheckResult r = check(sequential("[[:append :x 1] [:r :y nil]]", "[[:r :x [1]] [:append :y 1]]", "[[:r :x [1]] [:r :y [1]]]"),
                "strict-serializable");
        assertThat(r.valid()).isEqualTo(Verdict.VALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of());
    }

    @Test
    void writeCycleIsG0() {
        CheckResult r = check(concurrent("[[:append :x 1] [:append :y 1]]", "[[:append :x 2] [:append :y 2]]",
                "[[:r :x [1 2]] [:r :y [2 1]]]"), "read-uncommitted");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G0"));
        assertThat(steps(r, "G0")).containsExactlyInAnyOrder(
                "T2 appended 2 to \"x\" right after T1's append of 1 in \"x\"'s order [1 2], so T1 < T2",
                "T1 appended 1 to \"y\" right after T2's append of 2 in \"y\"'s order [2 1], so T2 < T1");
        assertThat((String) cases(r, "G0").get(0).get("svg")).startsWith("<svg").contains("ww &quot;x&quot;").contains("T2");
        assertThat(r.details().get("not")).isEqualTo(List.of("read-uncommitted"));
    }

    @Test
    void readOfAFailedAppendIsG1a() {
        CheckResult r = check(sequential("fail [[:append :x 1]]", "[[:r :x [1]]]"), "read-committed");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G1a"));
        assertThat(cases(r, "G1a").get(0).get("explanation")).isEqualTo("T2 read \"x\" = [1], which holds 1, appended by T1, which failed");
    }

    @Test
    void readOfAnIntermediateAppendIsG1b() {
        CheckResult r = check(sequential("[[:append :x 1] [:append :x 2]]", "[[:r :x [1]]]", "[[:r :x [1 2]]]"), "read-committed");
        assertThat(r.details().get("anomaly-types")).asList().contains("G1b");
        assertThat(cases(r, "G1b").get(0).get("explanation"))
                .isEqualTo("T2 read \"x\" = [1], ending in T1's append of 1, but T1 appended 2 to \"x\" after it");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void circularInformationFlowIsG1c() {
        CheckResult r = check(concurrent("[[:append :x 1] [:r :y [1]]]", "[[:append :y 1] [:r :x [1]]]"), "read-committed");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G1c"));
        assertThat(steps(r, "G1c")).containsExactlyInAnyOrder(
                "T2 read \"x\" = [1], which T1's append of 1 produced, so T1 < T2",
                "T1 read \"y\" = [1], which T2's append of 1 produced, so T2 < T1");
    }

    @Test
    void readSkewIsGSingleRuledOutBySnapshotIsolationNotReadCommitted() {
        String h = concurrent("[[:append :x 1] [:append :y 1]]", "[[:r :x nil] [:r :y [1]]]", "[[:r :x [1]]]");
        CheckResult si = check(h, "snapshot-isolation");
        assertThat(si.valid()).isEqualTo(Verdict.INVALID);
        assertThat(si.details().get("anomaly-types")).isEqualTo(List.of("G-single"));
        assertThat(steps(si, "G-single")).containsExactlyInAnyOrder(
                "T2 read \"y\" = [1], which T1's append of 1 produced, so T1 < T2",
                "T2 read \"x\" = [], which misses T1's append of 1 (next in \"x\"'s order), so T2 < T1");
        assertThat(check(h, "read-committed").valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void writeSkewIsG2ItemValidUnderSnapshotIsolationInvalidUnderSerializable() {
        String h = concurrent("[[:r :x nil] [:r :y nil] [:append :x 1]]", "[[:r :x nil] [:r :y nil] [:append :y 1]]",
                "[[:r :x [1]] [:r :y [1]]]");
        CheckResult si = check(h, "snapshot-isolation");
        assertThat(si.valid()).isEqualTo(Verdict.VALID);
        assertThat(si.details().get("anomaly-types")).isEqualTo(List.of("G2-item"));
        CheckResult serializable = check(h, "serializable");
        assertThat(serializable.valid()).isEqualTo(Verdict.INVALID);
        assertThat(serializable.details().get("summary")).isEqualTo("G2-item rules out serializable");
        assertThat(steps(serializable, "G2-item")).containsExactlyInAnyOrder(
                "T1 read \"y\" = [], which misses T2's append of 1 (next in \"y\"'s order), so T1 < T2",
                "T2 read \"x\" = [], which misses T1's append of 1 (next in \"x\"'s order), so T2 < T1");
    }

    @Test
    void staleReadAfterCommitIsGSingleRealtime() {
        // T1 commits x=[1] before T2 starts, yet T2 reads x empty; T3 shows the append happened.
        String h = sequential("[[:append :x 1]]", "[[:r :x nil]]", "[[:r :x [1]]]");
        assertThat(check(h, "serializable").valid()).isEqualTo(Verdict.VALID);
        CheckResult strict = check(h, "strict-serializable");
        assertThat(strict.valid()).isEqualTo(Verdict.INVALID);
        assertThat(strict.details().get("anomaly-types")).isEqualTo(List.of("G-single-realtime"));
        assertThat(steps(strict, "G-single-realtime")).containsExactlyInAnyOrder(
                "T2 read \"x\" = [], which misses T1's append of 1 (next in \"x\"'s order), so T2 < T1",
                "T1 completed (op 1) before T2 was invoked (op 2), so T1 < T2");
    }

    @Test
    void notReadingYourOwnWriteIsGSingleProcess() {
        String h = "{:process 0, :type :invoke, :f :txn, :value [[:append :x 1]]}\n"
                + "{:process 0, :type :ok, :f :txn, :value [[:append :x 1]]}\n"
                + "{:process 1, :type :invoke, :f :txn, :value [[:r :x nil]]}\n"
                + "{:process 0, :type :invoke, :f :txn, :value [[:r :x nil]]}\n"
                + "{:process 0, :type :ok, :f :txn, :value [[:r :x nil]]}\n"
                + "{:process 1, :type :ok, :f :txn, :value [[:r :x [1]]]}\n";
        CheckResult r = check(h, "strong-session-serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G-single-process"));
        assertThat(steps(r, "G-single-process")).contains("T1 and T2 ran on process 0, T1 first, so T1 < T2");
        assertThat(check(h, "serializable").valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void readNotShowingOwnAppendIsInternal() {
        CheckResult r = check(sequential("[[:append :x 1] [:r :x [2]]]", "[[:append :x 2]]"), "serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).asList().contains("internal");
        assertThat(cases(r, "internal").get(0).get("explanation"))
                .isEqualTo("T1 read \"x\" = [2], but its own earlier micro-ops mean it should have read [\"...\" 1]");
    }

    @Test
    void repeatedElementIsDuplicateElements() {
        CheckResult r = check(sequential("[[:append :x 1]]", "[[:r :x [1 1]]]"), "read-uncommitted");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(cases(r, "duplicate-elements").get(0).get("explanation")).isEqualTo("T2 read \"x\" = [1 1], which holds 1 twice");
    }

    @Test
    void readsInTwoOrdersAreIncompatibleOrder() {
        CheckResult r = check(concurrent("[[:append :x 1]]", "[[:append :x 2]]", "[[:r :x [1 2]]]", "[[:r :x [2 1]]]"), "read-committed");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).asList().contains("incompatible-order");
        assertThat(cases(r, "incompatible-order").get(0).get("explanation")).isEqualTo(
                "T4 read \"x\" = [2 1], which is not a prefix of [1 2], read elsewhere: no single order of appends explains both");
    }

    @Test
    void valueNobodyAppendedIsGarbageRead() {
        CheckResult r = check(sequential("[[:append :x 1]]", "[[:r :x [1 7]]]"), "read-uncommitted");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(cases(r, "garbage-read").get(0).get("explanation")).isEqualTo("T2 read \"x\" = [1 7], but no transaction appended 7 to \"x\"");
    }

    @Test
    void committedAppendMissingFromLaterReadsIsLostAppend() {
        // Two appends no read shows: their places in the order cannot be inferred, so no cycle says it; realtime does.
        CheckResult r = check(sequential("[[:append :x 1]]", "[[:append :x 2]]", "[[:append :x 3]]", "[[:r :x [3]]]"), "strict-serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).asList().contains("lost-append");
        assertThat(cases(r, "lost-append").get(0).get("explanation"))
                .isEqualTo("T1 appended 1 to \"x\" and committed, but T4, invoked after that, read \"x\" without it, and no read ever shows it");
    }

    @Test
    void longCycleWithOneAntiDependencyIsFoundWhole() {
        // Elle's ring: T1..Tn append 1..n to one key (a ww chain); Tn misses T1's append to another key (one rw edge back).
        int n = 2_000;
        String[] txns = new String[n + 2];
        txns[0] = "[[:append :ring 1] [:append :anti 1]]";
        for (int i = 1; i < n - 1; i++) txns[i] = "[[:append :ring " + (i + 1) + "]]";
        txns[n - 1] = "[[:append :ring " + n + "] [:r :anti nil]]";
        StringBuilder all = new StringBuilder("[");
        for (int i = 1; i <= n; i++) all.append(i == 1 ? "" : " ").append(i);
        txns[n] = "[[:r :ring " + all + "]]]";
        txns[n + 1] = "[[:r :anti [1]]]";
        CheckResult r = check(concurrent(txns), "serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G-single"));
        assertThat(steps(r, "G-single")).hasSize(n)
                .contains("T" + n + " read \"anti\" = [], which misses T1's append of 1 (next in \"anti\"'s order), so T" + n + " < T1");
    }

    @Test
    void malformedMicroOpNamesItsLine() {
        CheckResult r = check(sequential("[[:append :x 1]]", "[[:r :x [1]] [:append :y]]"), "serializable");
        assertThat(r.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat((String) r.details().get("error")).isEqualTo("<text>:4: micro-op 2 of the transaction, [\"append\" \"y\"], is not [f key value];"
                + " list-append micro-ops are [\"append\", key, value] and [\"r\", key, nil or [values]]");
    }

    @Test
    void jsonlTransactionsReadAsEdnOnes() {
        String jsonl = "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",null]]}\n"
                + "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"txn\",\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",[]]]}\n"
                + "{\"index\":2,\"type\":\"invoke\",\"process\":1,\"f\":\"txn\",\"value\":[[\"r\",\"x\",null]]}\n"
                + "{\"index\":3,\"type\":\"ok\",\"process\":1,\"f\":\"txn\",\"value\":[[\"r\",\"x\",[]]]}\n";
        CheckResult r = check(TxnChecker.LIST_APPEND, jsonl, HistoryFormat.JSONL, "strict-serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G-single-realtime"));
    }
}
