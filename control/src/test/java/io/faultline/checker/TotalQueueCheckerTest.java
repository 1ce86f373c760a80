package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TotalQueueCheckerTest {
    private final TotalQueueChecker checker = new TotalQueueChecker();

    @Test
    void everyEnqueuedValueComingOutOnceIsValid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(0, "enqueue", 2L), Op.ok(0, "enqueue", 2L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of(2L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("attempt-count", 2L)
                .containsEntry("acknowledged-count", 2L)
                .containsEntry("ok-count", 2L)
                .containsEntry("lost-count", 0L)
                .containsEntry("unexpected-count", 0L)
                .containsEntry("duplicated-count", 0)
                .containsEntry("recovered-count", 0L)
                .containsEntry("lost", List.of())
                .containsEntry("unexpected", List.of())
                .containsEntry("duplicated", Map.of())
                .containsEntry("recovered", List.of());
    }

    @Test
    void lostAcknowledgedEnqueueIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(0, "enqueue", 2L), Op.ok(0, "enqueue", 2L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of(2L))));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details()).containsEntry("lost", List.of(1L)).containsEntry("lost-count", 1L);
    }

    @Test
    void valueEnqueuedTwiceMustComeOutTwice() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details()).containsEntry("lost", List.of(1L)).containsEntry("duplicated", Map.of());
    }

    @Test
    void valueThatWasNeverEnqueuedIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 9L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of(9L))));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("unexpected", List.of(9L, 9L))
                .containsEntry("unexpected-count", 2L)
                .containsEntry("duplicated", Map.of());
    }

    @Test
    void duplicateDequeueIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L),
                Op.invoke(2, "dequeue", null), Op.ok(2, "dequeue", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("duplicated", Map.of(1L, 2L))
                .containsEntry("duplicated-count", 1)
                .containsEntry("ok-count", 1L)
                .containsEntry("lost", List.of());
    }

    @Test
    void infoEnqueueThatComesOutIsRecovered() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.info(0, "enqueue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("recovered", List.of(1L))
                .containsEntry("recovered-count", 1L)
                .containsEntry("ok-count", 1L);
    }

    @Test
    void indeterminateEnqueueThatNeverComesOutIsNotLost() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.info(0, "enqueue", 1L),
                Op.invoke(2, "enqueue", 2L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of())));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("attempt-count", 2L).containsEntry("lost", List.of());
    }

    @Test
    void failedEnqueueThatNeverComesOutIsNotLost() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.fail(0, "enqueue", 1L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of())));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("acknowledged-count", 0L);
    }

    @Test
    void dequeuesThatFoundTheQueueEmptyTakeNothing() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", null),
                Op.invoke(1, "dequeue", null), Op.fail(1, "dequeue", null),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("unexpected", List.of());
    }

    @Test
    void indeterminateDrainMakesLostValuesUnknown() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(1, "drain", null), Op.info(1, "drain", null)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details())
                .containsEntry("lost", List.of(1L))
                .containsEntry("error", "lost values may have been taken by the indeterminate drain op 2");
    }

    @Test
    void indeterminateDrainDoesNotExcuseDuplicates() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(0, "enqueue", 2L), Op.ok(0, "enqueue", 2L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L),
                Op.invoke(2, "drain", null)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details()).containsEntry("duplicated", Map.of(1L, 2L)).containsEntry("lost", List.of(2L));
    }

    @Test
    void drainThatReturnsNoListIsUnknown() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "drain", null), Op.ok(1, "drain", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error")).asString().contains("not a list");
    }

    @Test
    void nemesisOpsAreIgnored() {
        CheckResult result = checker.check(History.of(
                Op.invoke(Op.NEMESIS, "enqueue", 1L), Op.ok(Op.NEMESIS, "enqueue", 1L),
                Op.invoke(Op.NEMESIS, "dequeue", null), Op.ok(Op.NEMESIS, "dequeue", 2L),
                Op.invoke(1, "drain", null), Op.ok(1, "drain", List.of())));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("attempt-count", 0L);
    }
}
