package io.faultline.generator;

import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ContextTest {

    @Test
    void atTheStartEveryThreadIsFreeAndRunsItsOwnProcess() {
        Context ctx = Context.initial(3);

        assertThat(ctx.time()).isZero();
        assertThat(ctx.allThreads()).containsExactly(0, 1, 2, Context.NEMESIS_THREAD);
        assertThat(ctx.freeProcesses()).containsExactly(0, 1, 2, Op.NEMESIS);
        assertThat(ctx.allFree()).isTrue();
        assertThat(ctx.process(Context.NEMESIS_THREAD)).isEqualTo(Op.NEMESIS);
    }

    @Test
    void someFreeProcessPrefersClientsAndIsEmptyWhenAllAreBusy() {
        Context ctx = Context.initial(2).busy(0);

        assertThat(ctx.someFreeProcess()).isEqualTo(OptionalInt.of(1));
        assertThat(ctx.busy(1).someFreeProcess()).isEqualTo(OptionalInt.of(Op.NEMESIS));
        assertThat(ctx.busy(1).busy(Context.NEMESIS_THREAD).someFreeProcess()).isEmpty();
        assertThat(ctx.allFree()).isFalse();
        assertThat(ctx.free(0).allFree()).isTrue();
    }

    @Test
    void restrictionsHideTheOtherThreads() {
        Context ctx = Context.initial(2);

        assertThat(ctx.clientsOnly().allThreads()).containsExactly(0, 1);
        assertThat(ctx.nemesisOnly().freeProcesses()).containsExactly(Op.NEMESIS);
        assertThat(ctx.clientsOnly().onlyThread(1).freeThreads()).containsExactly(1);
        assertThat(ctx.nemesisOnly().onlyThread(0).allThreads()).isEmpty();
        assertThat(ctx.clientsOnly().busy(0).busy(1).allFree()).isFalse();
        assertThat(ctx.nemesisOnly().busy(0).allFree()).isTrue();
    }

    @Test
    void nextProcessMovesOnByTheConcurrency() {
        Context ctx = Context.initial(3).withNextProcess(1).withNextProcess(1);

        assertThat(ctx.process(1)).isEqualTo(7);
        assertThat(ctx.thread(7)).isEqualTo(OptionalInt.of(1));
        assertThat(ctx.thread(1)).isEmpty();
        assertThat(ctx.thread(4)).isEmpty();
        assertThat(ctx.withNextProcess(Context.NEMESIS_THREAD).process(Context.NEMESIS_THREAD)).isEqualTo(Op.NEMESIS);
    }

    @Test
    void manyThreadsSpanSeveralWords() {
        Context ctx = Context.initial(100);
        for (int t = 0; t < 99; t++) ctx = ctx.busy(t);

        assertThat(ctx.freeThreads()).containsExactly(99, Context.NEMESIS_THREAD);
        assertThat(ctx.clientsOnly().someFreeProcess()).isEqualTo(OptionalInt.of(99));
        assertThat(ctx.busy(99).clientsOnly().someFreeProcess()).isEmpty();
        assertThat(ctx.onlyThread(70).allThreads()).containsExactly(70);
    }
}
