package io.faultline.checker.model;

import io.faultline.checker.CheckResult;
import io.faultline.checker.OpPairs;
import io.faultline.checker.Verdict;
import io.faultline.checker.linearizable.LinearizabilityChecker;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiRegisterModelTest {

    private static CheckResult check(String model, String edn) throws Exception {
        return new LinearizabilityChecker(Models.byName(model), Duration.ofSeconds(10)).check(History.parse(edn, HistoryFormat.EDN));
    }

    private static Verdict verdict(String model, String edn) throws Exception {
        return check(model, edn).valid();
    }

    @Test
    void readsSeeTheLatestCommittedTxnOnEveryRegister() throws Exception {
        assertThat(verdict("multi-register", """
                {:type :invoke, :f :txn, :value [[:write :x 1] [:write :y 2]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:write :x 1] [:write :y 2]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1, :time 30}
                {:type :ok,     :f :txn, :value [[:read :x 1] [:read :y 2]], :process 1, :time 40}
                """)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aReadThatSeesHalfOfATxnIsInvalid() throws Exception {
        CheckResult result = check("multi-register", """
                {:type :invoke, :f :txn, :value [[:write :x 1] [:write :y 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:write :x 1] [:write :y 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:write :x 2] [:write :y 2]], :process 0, :time 30}
                {:type :ok,     :f :txn, :value [[:write :x 2] [:write :y 2]], :process 0, :time 40}
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1, :time 50}
                {:type :ok,     :f :txn, :value [[:read :x 2] [:read :y 1]], :process 1, :time 60}
                """);
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details().get("keys")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> ce = (Map<String, Object>) result.details().get("counterexample");
        assertThat(ce.get("state")).isEqualTo(Map.of("x", 2L, "y", 2L));
    }

    @Test
    void concurrentTxnsMayLandInEitherOrderButAtomically() throws Exception {
        String overlapping = """
                {:type :invoke, :f :txn, :value [[:write :x 1] [:write :y 1]], :process 0, :time 10}
                {:type :invoke, :f :txn, :value [[:write :x 2] [:write :y 2]], :process 1, :time 11}
                {:type :ok,     :f :txn, :value [[:write :x 1] [:write :y 1]], :process 0, :time 20}
                {:type :ok,     :f :txn, :value [[:write :x 2] [:write :y 2]], :process 1, :time 21}
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 2, :time 30}
                """;
        assertThat(verdict("multi-register", overlapping
                + "{:type :ok, :f :txn, :value [[:read :x 1] [:read :y 1]], :process 2, :time 40}")).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register", overlapping
                + "{:type :ok, :f :txn, :value [[:read :x 2] [:read :y 2]], :process 2, :time 40}")).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register", overlapping
                + "{:type :ok, :f :txn, :value [[:read :x 1] [:read :y 2]], :process 2, :time 40}")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void registersStartAtTheGivenInitialValues() throws Exception {
        String readsZero = """
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:read :x 0] [:read :y 0]], :process 0, :time 20}
                """;
        assertThat(verdict("multi-register {:x 0 :y 0}", readsZero)).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register", readsZero)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aNilReadIsAlwaysLegalAsInKnossos() throws Exception {
        assertThat(verdict("multi-register", """
                {:type :invoke, :f :txn, :value [[:write :x 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:write :x 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:read :x nil]], :process 1, :time 30}
                {:type :ok,     :f :txn, :value [[:read :x nil]], :process 1, :time 40}
                """)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aReadAfterAWriteInTheSameTxnSeesThatWrite() throws Exception {
        String writeThenRead = """
                {:type :invoke, :f :txn, :value [[:write :x 5] [:read :x nil]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:write :x 5] [:read :x %s]], :process 0, :time 20}
                """;
        assertThat(verdict("multi-register", writeThenRead.formatted("5"))).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register", writeThenRead.formatted("7"))).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aFailedTxnDidNotHappen() throws Exception {
        assertThat(verdict("multi-register", """
                {:type :invoke, :f :txn, :value [[:write :x 1]], :process 0, :time 10}
                {:type :fail,   :f :txn, :value [[:write :x 1]], :process 0, :time 20, :error :no-conns}
                {:type :invoke, :f :txn, :value [[:read :x nil]], :process 1, :time 30}
                {:type :ok,     :f :txn, :value [[:read :x 1]], :process 1, :time 40}
                """)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anInfoTxnsWritesMayBeObservedLaterAndAtomically() throws Exception {
        String infoWrite = """
                {:type :invoke, :f :txn, :value [[:read :x nil] [:write :x 3] [:write :y 3]], :process 0, :time 10}
                {:type :info,   :f :txn, :value [[:read :x nil] [:write :x 3] [:write :y 3]], :process 0, :time 20, :error :conn-lost}
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1, :time 30}
                {:type :ok,     :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1, :time 40}
                {:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1, :time 50}
                """;
        assertThat(verdict("multi-register", infoWrite
                + "{:type :ok, :f :txn, :value [[:read :x 3] [:read :y 3]], :process 1, :time 60}")).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register", infoWrite
                + "{:type :ok, :f :txn, :value [[:read :x 3] [:read :y nil]], :process 1, :time 60}")).isEqualTo(Verdict.VALID);
        assertThat(verdict("multi-register {:x 0 :y 0}", infoWrite.replace("[:read :x nil] [:read :y nil]], :process 1, :time 40",
                        "[:read :x 0] [:read :y 0]], :process 1, :time 40")
                + "{:type :ok, :f :txn, :value [[:read :x 3] [:read :y 0]], :process 1, :time 60}")).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anInfoWriteOnceSeenCannotBeUndone() throws Exception {
        assertThat(verdict("multi-register {:x 0}", """
                {:type :invoke, :f :txn, :value [[:write :x 1]], :process 0, :time 10}
                {:type :info,   :f :txn, :value [[:write :x 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:read :x nil]], :process 1, :time 30}
                {:type :ok,     :f :txn, :value [[:read :x 1]], :process 1, :time 40}
                {:type :invoke, :f :txn, :value [[:read :x nil]], :process 1, :time 50}
                {:type :ok,     :f :txn, :value [[:read :x 0]], :process 1, :time 60}
                """)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void singleRegisterTxnsAreCheckedPerRegister() throws Exception {
        CheckResult result = check("multi-register", """
                {:type :invoke, :f :txn, :value [[:w :x 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:w :x 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:w :y 2]], :process 1, :time 11}
                {:type :ok,     :f :txn, :value [[:w :y 2]], :process 1, :time 21}
                {:type :invoke, :f :txn, :value [[:r :y nil]], :process 0, :time 30}
                {:type :ok,     :f :txn, :value [[:r :y 2]], :process 0, :time 40}
                {:type :invoke, :f :txn, :value [[:r :x nil] [:r :x nil]], :process 1, :time 31}
                {:type :ok,     :f :txn, :value [[:r :x 1] [:r :x 1]], :process 1, :time 41}
                """);
        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details().get("keys")).isEqualTo(2);
    }

    @Test
    void aStaleReadOnOneOfManyRegistersIsFoundInItsPart() throws Exception {
        CheckResult result = check("multi-register", """
                {:type :invoke, :f :txn, :value [[:w :x 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:w :x 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:w :y 1]], :process 0, :time 30}
                {:type :ok,     :f :txn, :value [[:w :y 1]], :process 0, :time 40}
                {:type :invoke, :f :txn, :value [[:w :y 2]], :process 0, :time 50}
                {:type :ok,     :f :txn, :value [[:w :y 2]], :process 0, :time 60}
                {:type :invoke, :f :txn, :value [[:r :y nil]], :process 1, :time 70}
                {:type :ok,     :f :txn, :value [[:r :y 1]], :process 1, :time 80}
                """);
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details().get("keys")).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> ce = (Map<String, Object>) result.details().get("counterexample");
        assertThat(ce.get("key")).isEqualTo("y");
    }

    @Test
    void registersJoinedByOneTxnAreCheckedTogether() throws Exception {
        CheckResult result = check("multi-register", """
                {:type :invoke, :f :txn, :value [[:w :x 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:w :x 1]], :process 0, :time 20}
                {:type :invoke, :f :txn, :value [[:w :z 1]], :process 0, :time 30}
                {:type :ok,     :f :txn, :value [[:w :z 1]], :process 0, :time 40}
                {:type :invoke, :f :txn, :value [[:r :x nil] [:w :y 3]], :process 1, :time 50}
                {:type :ok,     :f :txn, :value [[:r :x 1] [:w :y 3]], :process 1, :time 60}
                """);
        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details().get("keys")).isEqualTo(2);
    }

    @Test
    void jepsenIndependentTuplesAreSeparateMultiRegisters() throws Exception {
        String tuples = """
                {:type :invoke, :f :write, :value [0 [[:w 1 4]]], :process 0, :time 10}
                {:type :ok,     :f :write, :value [0 [[:w 1 4]]], :process 0, :time 20}
                {:type :invoke, :f :read,  :value [1 [[:r 1 nil] [:r 2 nil]]], :process 1, :time 30}
                {:type :ok,     :f :read,  :value [1 [[:r 1 %s] [:r 2 nil]]], :process 1, :time 40}
                """;
        assertThat(verdict("multi-register", tuples.formatted("nil"))).isEqualTo(Verdict.VALID);
        CheckResult result = check("multi-register", tuples.formatted("4"));
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        @SuppressWarnings("unchecked")
        Map<String, Object> ce = (Map<String, Object>) result.details().get("counterexample");
        assertThat(ce.get("key")).isEqualTo(List.of(1L, 1L));
    }

    @Test
    void aValueThatIsNoTxnIsRefusedByName() throws Exception {
        CheckResult result = check("multi-register", """
                {:type :invoke, :f :txn, :value [[:append :x 1]], :process 0, :time 10}
                {:type :ok,     :f :txn, :value [[:append :x 1]], :process 0, :time 20}
                """);
        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error").toString()).contains("read (r) or write (w)").contains("append");
        assertThat(check("multi-register", """
                {:type :invoke, :f :cas, :value [1 2], :process 0, :time 10}
                """).details().get("error").toString()).contains("knows f txn");
    }

    @Test
    void initialValuesMustBeAnEdnMap() {
        assertThatThrownBy(() -> Models.byName("multi-register [1 2]")).hasMessageContaining("must be an EDN map");
        assertThatThrownBy(() -> Models.byName("cas-register {:x 0}")).hasMessageContaining("takes no argument");
    }

    @Test
    void writingTheInitialValueBackGivesTheInitialState() {
        MultiRegisterModel model = new MultiRegisterModel(Map.of("x", 0L));
        Operation toOne = txn(0, List.of(List.of("w", "x", 1L), List.of("w", "y", 1L)));
        Operation backToZero = txn(2, List.of(List.of("w", "x", 0L), List.of("w", "y", 1L)));
        Operation yOnly = txn(4, List.of(List.of("w", "y", 1L)));
        List<Operation> ops = List.of(toOne, backToZero, yOnly);
        for (Operation op : ops) assertThat(model.prepare(op)).isTrue();
        assertThat(model.parts(ops)).hasSize(1);
        Object one = model.step(model.init(), toOne);
        Object back = model.step(one, backToZero);
        Object viaY = model.step(model.init(), yOnly);
        assertThat(back).isEqualTo(viaY).hasSameHashCodeAs(viaY).isNotEqualTo(one);
        assertThat(model.describe(back)).isEqualTo(Map.of("x", 0L, "y", 1L));
        // A state the txn overwrites entirely steps to the state decoded with the txn, not a new one.
        assertThat(model.step(one, backToZero)).isSameAs(model.step(model.init(), backToZero));
    }

    private static Operation txn(int at, List<?> microOps) {
        Op invoke = Op.invoke(0, "txn", microOps).withIndex(at);
        Op ok = Op.ok(0, "txn", microOps).withIndex(at + 1);
        return new Operation(new OpPairs.Pair(invoke, at, ok, at + 1));
    }

    @Test
    void longSingleRegisterHistoryStaysCheap() throws Exception {
        StringBuilder edn = new StringBuilder();
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            int p = i % 4;
            String txn = p == 0 ? "[[:w :x " + i + "]]" : "[[:r :x nil]]";
            String done = p == 0 ? txn : "[[:r :x " + (i - p) + "]]";
            edn.append("{:type :invoke, :f :txn, :value ").append(txn).append(", :process ").append(p).append(", :time ").append(t += 10).append("}\n");
            edn.append("{:type :ok, :f :txn, :value ").append(done).append(", :process ").append(p).append(", :time ").append(t += 10).append("}\n");
        }
        assertThat(verdict("multi-register", edn.toString())).isEqualTo(Verdict.VALID);
    }
}
