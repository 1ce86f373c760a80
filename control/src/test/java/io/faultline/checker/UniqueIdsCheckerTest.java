package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.faultline.history.Values;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueIdsCheckerTest {
    private final UniqueIdsChecker checker = new UniqueIdsChecker();

    @Test
    void distinctIdsAreValid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "generate", null), Op.ok(0, "generate", 7L),
                Op.invoke(1, "generate", null), Op.ok(1, "generate", 3L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("attempted-count", 2L)
                .containsEntry("acknowledged-count", 2L)
                .containsEntry("duplicated-count", 0)
                .containsEntry("duplicated", Map.of())
                .containsEntry("range", List.of(3L, 7L));
    }

    @Test
    void duplicateIdIsInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "generate", null), Op.ok(0, "generate", 7L),
                Op.invoke(1, "generate", null), Op.ok(1, "generate", 7L),
                Op.invoke(2, "generate", null), Op.ok(2, "generate", 8L)));

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details())
                .containsEntry("duplicated-count", 1)
                .containsEntry("duplicated", Map.of(7L, 2L));
    }

    @Test
    void failedAndIndeterminateGenerationsAreOnlyAttempts() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "generate", null), Op.ok(0, "generate", 7L),
                Op.invoke(1, "generate", null), Op.fail(1, "generate", 7L),
                Op.invoke(2, "generate", null), Op.info(2, "generate", 7L),
                Op.invoke(3, "generate", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("attempted-count", 4L)
                .containsEntry("acknowledged-count", 1L);
    }

    @Test
    void theFortyEightMostDuplicatedIdsAreShownInIdOrder() {
        List<Op> ops = new ArrayList<>();
        for (long id = 0; id < 60; id++) {
            long times = id == 59 ? 5 : 2;
            for (int i = 0; i < times; i++) {
                ops.add(Op.invoke(0, "generate", null));
                ops.add(Op.ok(0, "generate", id));
            }
        }

        CheckResult result = checker.check(History.of(ops));

        assertThat(result.details()).containsEntry("duplicated-count", 60);
        @SuppressWarnings("unchecked")
        Map<Object, Long> shown = (Map<Object, Long>) result.details().get("duplicated");
        assertThat(shown).hasSize(48).containsEntry(59L, 5L);
        assertThat(new ArrayList<>(shown.keySet())).isSortedAccordingTo(Values.ORDER).startsWith(0L);
    }

    @Test
    void nonNumericIdsHaveNoRange() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "generate", null), Op.ok(0, "generate", "a"),
                Op.invoke(0, "generate", null), Op.ok(0, "generate", 2L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).doesNotContainKey("range");
    }

    @Test
    void nemesisOpsAreIgnored() {
        CheckResult result = checker.check(History.of(
                Op.invoke(Op.NEMESIS, "generate", null), Op.ok(Op.NEMESIS, "generate", 1L),
                Op.invoke(0, "generate", null), Op.ok(0, "generate", 1L)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("attempted-count", 1L);
    }
}
