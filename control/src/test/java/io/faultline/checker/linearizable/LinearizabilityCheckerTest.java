package io.faultline.checker.linearizable;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.model.Models;
import io.faultline.history.FailedCas;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.faultline.history.Op.fail;
import static io.faultline.history.Op.info;
import static io.faultline.history.Op.invoke;
import static io.faultline.history.Op.ok;
import static org.assertj.core.api.Assertions.assertThat;

class LinearizabilityCheckerTest {

    private static CheckResult check(String model, Op... ops) {
        return new LinearizabilityChecker(Models.byName(model), Duration.ofSeconds(10)).check(History.of(ops));
    }

    @Test
    void readConcurrentWithWriteMaySeeTheOldValue() {
        assertThat(check("register",
                invoke(0, "write", 1L), invoke(1, "read", null), ok(1, "read", null), ok(0, "write", 1L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void readConcurrentWithWriteMaySeeTheNewValue() {
        assertThat(check("register",
                invoke(0, "write", 1L), invoke(1, "read", null), ok(1, "read", 1L), ok(0, "write", 1L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    private static CheckResult staleRead() {
        return check("register",
                invoke(0, "write", 1L), ok(0, "write", 1L),
                invoke(0, "write", 2L), ok(0, "write", 2L),
                invoke(1, "read", null), ok(1, "read", 1L));
    }

    @Test
    void staleReadAfterCompletedWriteIsInvalid() {
        CheckResult result = staleRead();
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        @SuppressWarnings("unchecked")
        Map<String, Object> ce = (Map<String, Object>) result.details().get("counterexample");
        assertThat(ce.get("linearized-count")).isEqualTo(2);
        assertThat(ce.get("state")).isEqualTo(2L);
        assertThat(ce.get("cannot-linearize").toString()).contains("read").contains("invoke-index=4");
        assertThat(ce.get("summary").toString()).contains("process 1 read 1").contains("state 2");
    }

    @Test
    void counterexampleGivesTheStateEachLinearizedOpLeaves() {
        CheckResult result = staleRead();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> linearized = (List<Map<String, Object>>) ((Map<String, Object>) result.details()
                .get("counterexample")).get("linearized");
        assertThat(linearized).extracting(op -> op.get("state-after")).containsExactly(1L, 2L);
    }

    @Test
    void infoWriteMayTakeEffectMuchLater() {
        assertThat(check("register",
                invoke(0, "write", 1L), info(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", null),
                invoke(1, "read", null), ok(1, "read", null),
                invoke(1, "read", null), ok(1, "read", 1L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void infoWriteMayNeverTakeEffect() {
        assertThat(check("register",
                invoke(0, "write", 1L), info(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", null)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void infoWriteCannotBeUndoneOnceSeen() {
        assertThat(check("register",
                invoke(0, "write", 1L), info(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", 1L),
                invoke(1, "read", null), ok(1, "read", null)).valid())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void invocationWithoutCompletionIsIndeterminate() {
        assertThat(check("register",
                invoke(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", 1L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void failedWriteDidNotHappen() {
        assertThat(check("register",
                invoke(0, "write", 1L), fail(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", 1L)).valid())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void failedCasWithoutAnErrorDidNotHappenAndObservedNothing() {
        assertThat(check("cas-register",
                invoke(0, "write", 0L), ok(0, "write", 0L),
                invoke(0, "cas", List.of(0L, 1L)), fail(0, "cas", List.of(0L, 1L))).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void failedCasMarkedCompareFailedTellsTheValueDiffered() {
        assertThat(check("cas-register",
                invoke(0, "write", 0L), ok(0, "write", 0L),
                invoke(0, "cas", List.of(0L, 1L)), fail(0, "cas", List.of(0L, 1L)).withError(Op.COMPARE_FAILED)).valid())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void failedCasWithoutAnErrorIsAFailedCompareWhenTheHistorySaysSo() {
        CheckResult result = new LinearizabilityChecker(Models.byName("cas-register", FailedCas.COMPARE_FAILED, Models.JEPSEN_INITIAL), Duration.ofSeconds(10))
                .check(History.of(invoke(0, "write", 0L), ok(0, "write", 0L),
                        invoke(0, "cas", List.of(0L, 1L)), fail(0, "cas", List.of(0L, 1L))));
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void jepsenEdnFailedCasIsValidByDefaultAndInvalidWhenReadAsAFailedCompare() throws Exception {
        History history = History.read(resource("failed-cas-did-not-happen.edn"), null);
        assertThat(new LinearizabilityChecker(Models.byName("cas-register"), Duration.ofSeconds(10)).check(history).valid())
                .isEqualTo(Verdict.VALID);
        assertThat(new LinearizabilityChecker(Models.byName("cas-register", FailedCas.COMPARE_FAILED, Models.JEPSEN_INITIAL),
                Duration.ofSeconds(10)).check(history).valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void registerMayStartAtAnyOfTheGivenValues() throws Exception {
        History history = History.read(resource("reads-initial-zero.edn"), null);
        assertThat(new LinearizabilityChecker(Models.byName("cas-register", FailedCas.DID_NOT_HAPPEN, Arrays.asList(null, 0L)),
                Duration.ofSeconds(10)).check(history).valid()).isEqualTo(Verdict.VALID);
        CheckResult fromNil = new LinearizabilityChecker(Models.byName("cas-register"), Duration.ofSeconds(10)).check(history);
        assertThat(fromNil.valid()).isEqualTo(Verdict.INVALID);
        assertThat(fromNil.details().get("counterexample").toString()).contains("read").contains("initial state");
    }

    private static java.nio.file.Path resource(String name) throws Exception {
        return java.nio.file.Path.of(LinearizabilityCheckerTest.class.getResource("/histories/" + name).toURI());
    }

    @Test
    void failedCasWithAnErrorSaysNothingAboutTheValue() {
        assertThat(check("cas-register",
                invoke(0, "write", 0L), ok(0, "write", 0L),
                invoke(0, "cas", List.of(0L, 1L)), fail(0, "cas", List.of(0L, 1L)).withError("connection-refused")).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void casSucceedsOnlyFromTheExpectedValue() {
        assertThat(check("cas-register",
                invoke(0, "write", 3L), ok(0, "write", 3L),
                invoke(0, "cas", List.of(2L, 4L)), ok(0, "cas", List.of(2L, 4L))).valid())
                .isEqualTo(Verdict.INVALID);
        assertThat(check("cas-register",
                invoke(0, "write", 3L), ok(0, "write", 3L),
                invoke(0, "cas", List.of(3L, 4L)), ok(0, "cas", List.of(3L, 4L)),
                invoke(1, "read", null), ok(1, "read", 4L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void indeterminateCasMayHaveSwappedOrNot() {
        Op[] swapped = {invoke(0, "write", 3L), ok(0, "write", 3L),
                invoke(0, "cas", List.of(3L, 4L)), info(0, "cas", List.of(3L, 4L)),
                invoke(1, "read", null), ok(1, "read", 4L)};
        Op[] notYet = {invoke(0, "write", 3L), ok(0, "write", 3L),
                invoke(0, "cas", List.of(3L, 4L)), info(0, "cas", List.of(3L, 4L)),
                invoke(1, "read", null), ok(1, "read", 3L)};
        assertThat(check("cas-register", swapped).valid()).isEqualTo(Verdict.VALID);
        assertThat(check("cas-register", notYet).valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void registerModelRefusesCasAndSaysWhichModelToUse() {
        CheckResult result = check("register", invoke(0, "cas", List.of(1L, 2L)), ok(0, "cas", List.of(1L, 2L)));
        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error").toString()).contains("'cas'").contains("--model cas-register");
    }

    @Test
    void nemesisOpsAreIgnored() {
        assertThat(check("register",
                new Op(-1, Op.NO_TIME, OpType.INFO, Op.NEMESIS, "start-partition", "halves", null, null, null, null),
                invoke(0, "write", 1L), ok(0, "write", 1L),
                invoke(1, "read", null), ok(1, "read", 1L)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void kvKeysAreIndependentAndUnwrittenKeysReadEmpty() {
        CheckResult result = check("kv",
                keyed(invoke(0, "put", "x"), "a"), keyed(ok(0, "put", "x"), "a"),
                keyed(invoke(1, "get", null), "b"), keyed(ok(1, "get", ""), "b"),
                keyed(invoke(1, "append", "y"), "a"), keyed(ok(1, "append", "y"), "a"),
                keyed(invoke(0, "get", null), "a"), keyed(ok(0, "get", "xy"), "a"));
        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details().get("keys")).isEqualTo(2);
    }

    @Test
    void kvNumberPutIsTextThatAnAppendExtends() {
        assertThat(check("kv",
                invoke(0, "put", 5L).withKey("x"), ok(0, "put", 5L).withKey("x"),
                invoke(0, "append", "y").withKey("x"), ok(0, "append", "y").withKey("x"),
                invoke(0, "get", null).withKey("x"), ok(0, "get", "5y").withKey("x")).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void kvLostAppendIsInvalidAndNamesTheKey() {
        CheckResult result = check("kv",
                keyed(invoke(0, "append", "x"), "a"), keyed(ok(0, "append", "x"), "a"),
                keyed(invoke(0, "append", "y"), "b"), keyed(ok(0, "append", "y"), "b"),
                keyed(invoke(1, "get", null), "b"), keyed(ok(1, "get", ""), "b"));
        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details().get("counterexample").toString()).contains("key=b");
    }

    @Test
    void historyIsOrderedByTimeWhenEveryOpHasOne() {
        // Batches from different agents arrive out of order; the write completed before the read began.
        Op readInvoke = invoke(1, "read", null).withTime(50);
        Op readOk = ok(1, "read", null).withTime(60);
        Op writeInvoke = invoke(0, "write", 1L).withTime(10);
        Op writeOk = ok(0, "write", 1L).withTime(20);
        assertThat(check("register", readInvoke, readOk, writeInvoke, writeOk).valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void callAndReturnAtTheSameInstantAreConcurrent() {
        Op writeInvoke = invoke(0, "write", 1L).withTime(10);
        Op writeOk = ok(0, "write", 1L).withTime(20);
        Op readInvoke = invoke(1, "read", null).withTime(20);
        Op readOk = ok(1, "read", null).withTime(30);
        assertThat(check("register", writeInvoke, writeOk, readInvoke, readOk).valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void mutexCannotBeHeldTwice() {
        assertThat(check("mutex",
                invoke(0, "acquire", null), ok(0, "acquire", null),
                invoke(1, "acquire", null), ok(1, "acquire", null)).valid())
                .isEqualTo(Verdict.INVALID);
        assertThat(check("mutex",
                invoke(0, "acquire", null), ok(0, "acquire", null),
                invoke(1, "acquire", null), invoke(0, "release", null), ok(0, "release", null), ok(1, "acquire", null)).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void fifoQueueDequeuesInOrder() {
        Op[] prefix = {invoke(0, "enqueue", 1L), ok(0, "enqueue", 1L), invoke(0, "enqueue", 2L), ok(0, "enqueue", 2L),
                invoke(1, "dequeue", null)};
        assertThat(check("fifo-queue", concat(prefix, ok(1, "dequeue", 1L))).valid()).isEqualTo(Verdict.VALID);
        assertThat(check("fifo-queue", concat(prefix, ok(1, "dequeue", 2L))).valid()).isEqualTo(Verdict.INVALID);
        assertThat(check("unordered-queue", concat(prefix, ok(1, "dequeue", 2L))).valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void queueCannotDequeueWhatWasNeverEnqueued() {
        assertThat(check("unordered-queue",
                invoke(0, "enqueue", 1L), ok(0, "enqueue", 1L),
                invoke(1, "dequeue", null), ok(1, "dequeue", 3L)).valid())
                .isEqualTo(Verdict.INVALID);
        assertThat(check("fifo-queue",
                invoke(0, "enqueue", 1L), ok(0, "enqueue", 1L),
                invoke(1, "dequeue", null), ok(1, "dequeue", null)).valid())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void setReadMustShowEveryCompletedAdd() {
        assertThat(check("set",
                invoke(0, "add", 1L), ok(0, "add", 1L),
                invoke(1, "read", null), ok(1, "read", List.of())).valid())
                .isEqualTo(Verdict.INVALID);
        assertThat(check("set",
                invoke(0, "add", 1L), invoke(1, "read", null), ok(1, "read", List.of()), ok(0, "add", 1L),
                invoke(1, "read", null), ok(1, "read", List.of(1L))).valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void overTheTimeBudgetTheAnswerIsUnknownNeverAGuess() {
        CheckResult result = new LinearizabilityChecker(Models.byName("register"), Duration.ofMillis(50))
                .check(manyConcurrentWritesThenAnImpossibleRead(40));
        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error").toString()).contains("time limit");
    }

    @Test
    void overTheMemoryBudgetTheAnswerIsUnknown() {
        CheckResult result = new LinearizabilityChecker(Models.byName("register"), Duration.ofSeconds(30), 1 << 20)
                .check(manyConcurrentWritesThenAnImpossibleRead(40));
        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error").toString()).contains("memory budget");
    }

    /** n concurrent writes with distinct values, then reads that pin every value in turn: exponential without memo. */
    private static History manyConcurrentWritesThenAnImpossibleRead(int n) {
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < n; p++) ops.add(invoke(p, "write", (long) p));
        ops.add(invoke(n, "read", null));
        ops.add(ok(n, "read", -1L));
        for (int p = 0; p < n; p++) ops.add(ok(p, "write", (long) p));
        return History.of(ops);
    }

    private static Op keyed(Op op, String key) {
        return op.withKey(key);
    }

    private static Op[] concat(Op[] ops, Op last) {
        Op[] all = java.util.Arrays.copyOf(ops, ops.length + 1);
        all[ops.length] = last;
        return all;
    }
}
