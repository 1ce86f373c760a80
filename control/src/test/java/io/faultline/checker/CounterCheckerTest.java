package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CounterCheckerTest {
    private final CounterChecker checker = new CounterChecker();

    @Test
    void readOfTheAcknowledgedSumIsValid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(0, "add", 2L), Op.ok(0, "add", 2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("reads", 1)
                .containsEntry("error-count", 0)
                .containsEntry("errors", List.of());
    }

    @Test
    void readBelowAcknowledgedSumIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(0, "add", 2L), Op.ok(0, "add", 2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("error-count", 1)
                .containsEntry("errors", List.of(Map.of("index", 5L, "value", 1L, "lower", 3L, "upper", 3L)));
    }

    @Test
    void readAboveAttemptedSumIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 2L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("errors", List.of(Map.of("index", 3L, "value", 2L, "lower", 1L, "upper", 1L)));
    }

    @Test
    void readMayIncludeConcurrentIncrement() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L),
                Op.ok(0, "add", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void readMayMissConcurrentIncrement() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "read", null),
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.ok(1, "read", 0L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void incrementInvokedAfterTheReadCompletedCannotBeSeen() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L),
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void infoIncrementMayOrMayNotHaveApplied() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.info(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 0L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("reads", 2);
    }

    @Test
    void infoIncrementCannotApplyTwice() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.info(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 2L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void incrementThatNeverCompletedMayApply() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 5L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 5L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 0L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void failedIncrementNeverApplies() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.fail(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("errors", List.of(Map.of("index", 3L, "value", 1L, "lower", 0L, "upper", 0L)));
    }

    @Test
    void acknowledgedDecrementLowersTheUpperBound() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 5L), Op.ok(0, "add", 5L),
                Op.invoke(0, "add", -2L), Op.ok(0, "add", -2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 5L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("errors", List.of(Map.of("index", 5L, "value", 5L, "lower", 3L, "upper", 3L)));
    }

    @Test
    void readMayOrMayNotIncludeConcurrentDecrement() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 5L), Op.ok(0, "add", 5L),
                Op.invoke(1, "read", null),
                Op.invoke(2, "read", null),
                Op.invoke(0, "add", -2L), Op.ok(0, "add", -2L),
                Op.ok(1, "read", 5L),
                Op.ok(2, "read", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void infoDecrementMayOrMayNotHaveApplied() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 5L), Op.ok(0, "add", 5L),
                Op.invoke(0, "add", -2L), Op.info(0, "add", -2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 5L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void failedDecrementNeverApplies() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 5L), Op.ok(0, "add", 5L),
                Op.invoke(0, "add", -2L), Op.fail(0, "add", -2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("errors", List.of(Map.of("index", 5L, "value", 3L, "lower", 5L, "upper", 5L)));
    }

    @Test
    void onlySuccessfulReadsAreChecked() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "read", null), Op.fail(1, "read", 9L),
                Op.invoke(2, "read", null), Op.info(2, "read", null),
                Op.invoke(3, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("reads", 0);
    }

    @Test
    void atMostTwentyErrorsAreShownBesideTheirCount() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ops.add(Op.invoke(1, "read", null));
            ops.add(Op.ok(1, "read", 1L));
        }

        CheckResult result = checker.check(History.of(ops));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details()).containsEntry("reads", 25).containsEntry("error-count", 25);
        assertThat((List<?>) result.details().get("errors")).hasSize(20);
    }

    @Test
    void nonIntegerValueMakesCounterUnknown() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", "one"), Op.ok(0, "add", "one"),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error")).asString().contains("add op 1").contains("not an integer");
    }

    @Test
    void nemesisOpsAreIgnored() {
        CheckResult result = checker.check(History.of(
                Op.invoke(Op.NEMESIS, "add", 10L), Op.ok(Op.NEMESIS, "add", 10L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 0L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("reads", 1);
    }
}
