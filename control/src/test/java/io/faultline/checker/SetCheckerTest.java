package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SetCheckerTest {
    private final SetChecker checker = new SetChecker();

    @Test
    void acknowledgedAddsInTheFinalReadAreValid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(1, "add", 2L), Op.ok(1, "add", 2L),
                Op.invoke(0, "read", null), Op.ok(0, "read", List.of(2L, 1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("attempt-count", 2)
                .containsEntry("acknowledged-count", 2)
                .containsEntry("ok-count", 2)
                .containsEntry("lost", List.of())
                .containsEntry("lost-count", 0)
                .containsEntry("unexpected", List.of())
                .containsEntry("unexpected-count", 0)
                .containsEntry("recovered", List.of())
                .containsEntry("recovered-count", 0);
    }

    @Test
    void lostAcknowledgedAddMakesSetInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(0, "add", 2L), Op.ok(0, "add", 2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(2L))));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("lost", List.of(1L))
                .containsEntry("lost-count", 1)
                .containsEntry("ok-count", 1);
    }

    @Test
    void elementNeverAddedMakesSetInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(1L, 9L))));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("unexpected", List.of(9L))
                .containsEntry("unexpected-count", 1)
                .containsEntry("lost", List.of());
    }

    @Test
    void infoAddThatAppearsIsRecovered() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.info(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("recovered", List.of(1L))
                .containsEntry("recovered-count", 1)
                .containsEntry("acknowledged-count", 0);
    }

    @Test
    void infoAddThatIsMissingIsNotLost() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.info(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of())));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("lost", List.of()).containsEntry("attempt-count", 1);
    }

    @Test
    void addThatNeverCompletedMayAppear() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("recovered", List.of(1L));
    }

    @Test
    void failedAddThatIsMissingIsNotLost() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.fail(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of())));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("lost", List.of()).containsEntry("acknowledged-count", 0);
    }

    @Test
    void failedAddThatAppearsIsRecoveredAsInJepsen() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.fail(0, "add", 1L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("recovered", List.of(1L)).containsEntry("unexpected", List.of());
    }

    @Test
    void lastSuccessfulReadIsTheFinalRead() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(1, "read", null),
                Op.invoke(2, "read", null), Op.ok(2, "read", List.of()),
                Op.ok(1, "read", List.of(1L)),
                Op.invoke(3, "read", null), Op.fail(3, "read", null),
                Op.invoke(4, "read", null), Op.info(4, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("ok-count", 1);
    }

    @Test
    void setNeverReadSuccessfullyIsUnknown() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(1, "read", null), Op.fail(1, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details()).containsEntry("error", "no successful final read");
    }

    @Test
    void finalReadThatIsNotACollectionIsUnknown() {
        CheckResult result = checker.check(History.of(
                Op.invoke(1, "read", null), Op.ok(1, "read", 5L)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details().get("error")).asString().contains("not a collection");
    }

    @Test
    void nemesisOpsAreIgnored() {
        CheckResult result = checker.check(History.of(
                Op.invoke(Op.NEMESIS, "add", 7L), Op.ok(Op.NEMESIS, "add", 7L),
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(Op.NEMESIS, "read", null), Op.ok(Op.NEMESIS, "read", List.of()),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of(1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("attempt-count", 1);
    }

    @Test
    void anIntegerAndALongOfTheSameValueAreOneElement() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 1), Op.ok(0, "add", 1),
                Op.invoke(1, "read", null), Op.ok(1, "read", Set.of(1L))));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void reportedElementsAreSorted() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "add", 10L), Op.ok(0, "add", 10L),
                Op.invoke(0, "add", "x"), Op.ok(0, "add", "x"),
                Op.invoke(0, "add", 2L), Op.ok(0, "add", 2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of())));

        assertThat(result.details()).containsEntry("lost", List.of(2L, 10L, "x"));
    }
}
