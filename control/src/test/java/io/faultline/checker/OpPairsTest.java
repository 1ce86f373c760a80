package io.faultline.checker;

import io.faultline.checker.OpPairs.Pair;
import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpPairsTest {

    @Test
    void interleavedOpsArePairedByProcessInInvocationOrder() {
        List<Pair> pairs = OpPairs.of(History.of(
                Op.invoke(0, "add", 1L),
                Op.invoke(1, "read", null),
                Op.ok(1, "read", List.of(1L)),
                Op.fail(0, "add", 1L)));

        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).invokeAt()).isZero();
        assertThat(pairs.get(0).completionAt()).isEqualTo(3);
        assertThat(pairs.get(0).isFail()).isTrue();
        assertThat(pairs.get(1).invokeAt()).isEqualTo(1);
        assertThat(pairs.get(1).completionAt()).isEqualTo(2);
        assertThat(pairs.get(1).isOk()).isTrue();
    }

    @Test
    void okValueComesFromTheCompletionOtherwiseFromTheInvocation() {
        List<Pair> pairs = OpPairs.of(History.of(
                Op.invoke(0, "read", null),
                Op.ok(0, "read", 7L),
                Op.invoke(0, "add", 3L),
                Op.info(0, "add", null)));

        assertThat(pairs.get(0).value()).isEqualTo(7L);
        assertThat(pairs.get(1).value()).isEqualTo(3L);
        assertThat(pairs.get(1).isIndeterminate()).isTrue();
    }

    @Test
    void invocationWithoutCompletionIsIndeterminate() {
        Pair pending = OpPairs.of(History.of(Op.invoke(0, "add", 1L))).get(0);

        assertThat(pending.completion()).isNull();
        assertThat(pending.completionAt()).isEqualTo(OpPairs.NONE);
        assertThat(pending.isIndeterminate()).isTrue();
        assertThat(pending.isOk()).isFalse();
        assertThat(pending.isFail()).isFalse();
    }

    @Test
    void newInvocationOfAProcessLeavesItsEarlierOpWithoutCompletion() {
        List<Pair> pairs = OpPairs.of(History.of(
                Op.invoke(0, "add", 1L),
                Op.invoke(0, "add", 2L),
                Op.ok(0, "add", 2L)));

        assertThat(pairs.get(0).completion()).isNull();
        assertThat(pairs.get(1).isOk()).isTrue();
    }

    @Test
    void nemesisOpsAreLeftOut() {
        List<Pair> pairs = OpPairs.of(History.of(
                Op.info(Op.NEMESIS, "start-partition", null),
                Op.invoke(0, "add", 1L),
                Op.info(Op.NEMESIS, "stop-partition", null),
                Op.ok(0, "add", 1L)));

        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.f()).isEqualTo("add");
            assertThat(pair.completionAt()).isEqualTo(3);
        });
    }

    @Test
    void completionWithoutPendingInvocationIsRejected() {
        History history = History.of(Op.ok(0, "add", 1L));

        assertThatThrownBy(() -> OpPairs.of(history))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op 0")
                .hasMessageContaining("no pending invocation");
    }

    @Test
    void completionOfAnotherFIsRejected() {
        History history = History.of(Op.invoke(0, "add", 1L), Op.ok(0, "read", List.of()));

        assertThatThrownBy(() -> OpPairs.of(history))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another f");
    }

    @Test
    void historyThatCannotBePairedIsUnknownToEveryChecker() {
        History history = History.of(Op.ok(3, "read", List.of()));

        for (String name : Checkers.names()) {
            CheckResult result = Checkers.byName(name).check(history);
            assertThat(result.valid()).as(name).isEqualTo(Verdict.UNKNOWN);
            assertThat(result.details().get("error")).as(name).asString().contains("process 3");
        }
    }
}
