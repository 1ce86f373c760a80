package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatsCheckerTest {
    private final StatsChecker checker = new StatsChecker();

    @Test
    void completionsAreCountedOverallAndByF() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "write", 1L), Op.ok(0, "write", 1L),
                Op.invoke(0, "write", 2L), Op.fail(0, "write", 2L),
                Op.invoke(1, "read", null), Op.ok(1, "read", 1L),
                Op.invoke(1, "read", null), Op.info(1, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details())
                .containsEntry("count", 4L)
                .containsEntry("ok-count", 2L)
                .containsEntry("fail-count", 1L)
                .containsEntry("info-count", 1L);
        Map<String, Object> byF = map(result.details().get("by-f"));
        assertThat(byF.keySet()).containsExactly("read", "write");
        assertThat(byF.get("write")).isEqualTo(Map.of(
                "count", 2L, "ok-count", 1L, "fail-count", 1L, "info-count", 0L, "valid", true));
        assertThat(byF.get("read")).isEqualTo(Map.of(
                "count", 2L, "ok-count", 1L, "fail-count", 0L, "info-count", 1L, "valid", true));
    }

    @Test
    void fWithoutAnyOkMakesStatsUnknownNotInvalid() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "write", 1L), Op.ok(0, "write", 1L),
                Op.invoke(1, "cas", List.of(1L, 2L)), Op.fail(1, "cas", List.of(1L, 2L)),
                Op.invoke(1, "cas", List.of(1L, 2L)), Op.info(1, "cas", List.of(1L, 2L))));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details()).containsEntry("error", "no cas ever succeeded: the system was never tested");
        Map<String, Object> byF = map(result.details().get("by-f"));
        assertThat(map(byF.get("cas"))).containsEntry("valid", false);
        assertThat(map(byF.get("write"))).containsEntry("valid", true);
    }

    @Test
    void everyFThatNeverSucceededIsNamed() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "write", 1L), Op.fail(0, "write", 1L),
                Op.invoke(1, "read", null), Op.info(1, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.details()).containsEntry("error", "no read or write ever succeeded: the system was never tested");
    }

    @Test
    void invocationsWithoutCompletionAreNotCounted() {
        CheckResult result = checker.check(History.of(
                Op.invoke(0, "write", 1L), Op.ok(0, "write", 1L),
                Op.invoke(1, "read", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("count", 1L);
        assertThat(map(result.details().get("by-f"))).containsOnlyKeys("write");
    }

    @Test
    void nemesisOpsAreNotCounted() {
        CheckResult result = checker.check(History.of(
                Op.info(Op.NEMESIS, "start-partition", null),
                Op.invoke(0, "write", 1L), Op.ok(0, "write", 1L),
                Op.info(Op.NEMESIS, "stop-partition", null)));

        assertThat(result.valid()).isEqualTo(Verdict.VALID);
        assertThat(result.details()).containsEntry("count", 1L).containsEntry("info-count", 0L);
    }

    @Test
    void historyWithoutCompletedClientOpsTestedNothing() {
        for (History history : List.of(History.of(), History.of(Op.invoke(0, "write", 1L)))) {
            CheckResult result = checker.check(history);

            assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
            assertThat(result.details()).containsEntry("count", 0L).containsEntry("by-f", Map.of())
                    .containsEntry("error", "no client operation completed: the system was never tested");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object details) {
        return (Map<String, Object>) details;
    }
}
