package io.faultline.control;

import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private static final long MS = 1_000_000;

    @Test
    void elapsedTimeCountsFromThePhaseStartAndQuantilesAreThoseOfTheLastWindow() {
        Progress progress = new Progress();
        long start = 50_000 * MS;
        progress.phaseStarted(start);
        for (int p = 0; p < 100; p++) operation(progress, p, 2 * MS);
        assertThat(progress.line(start + 2_000 * MS))
                .isEqualTo("2s: 100 ops (ok 100, fail 0, info 0), 50 ops/s, latency p50 2.00 ms p99 2.00 ms");
        for (int p = 0; p < 300; p++) operation(progress, p, 7 * MS);
        assertThat(progress.line(start + 3_000 * MS))
                .isEqualTo("3s: 400 ops (ok 400, fail 0, info 0), 300 ops/s, latency p50 7.00 ms p99 7.00 ms");
        assertThat(progress.line(start + 4_000 * MS)).isEqualTo("4s: 400 ops (ok 400, fail 0, info 0), 0 ops/s");
    }

    @Test
    void theFirstWindowOfAPhaseCountsOnlyItsOwnCompletions() {
        Progress progress = new Progress();
        for (int p = 0; p < 10; p++) operation(progress, p, MS);
        progress.phaseStarted(10_000 * MS);
        operation(progress, 1, 3 * MS);
        assertThat(progress.line(11_000 * MS)).isEqualTo("1s: 11 ops (ok 11, fail 0, info 0), 1 ops/s, latency p50 3.00 ms p99 3.00 ms");
    }

    private static void operation(Progress progress, int process, long latency) {
        progress.record(Op.invoke(process, "write", 1).withTime(1_000));
        progress.record(Op.ok(process, "write", 1).withTime(1_000 + latency));
    }
}
