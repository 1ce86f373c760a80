package io.faultline.control;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Running counts of a run's history — completions by type, throughput and latency quantiles of the last
 * window — for progress lines. Fed on the event loop, in record order. A window is the time since the previous
 * line, or since {@link #phaseStarted} for the first line of a phase.
 */
public final class Progress {
    private final Map<OpType, Long> completionsByType = new EnumMap<>(OpType.class);
    private final Map<Integer, Long> invokedAt = new HashMap<>();
    /** Latencies of the completions in the current window, all of them: a quantile is the window's, not a sample's. */
    private long[] latencies = new long[1024];
    private int latencyCount;
    private long completions;
    private long lastCompletions;
    private long phaseStartNanos = System.nanoTime();
    private long lastNanos = phaseStartNanos;

    /** Starts a phase's clock: elapsed times count from here, and the first window begins here. */
    public void phaseStarted(long nanos) {
        phaseStartNanos = nanos;
        lastNanos = nanos;
        lastCompletions = completions;
        latencyCount = 0;
    }

    public void record(Op op) {
        if (op.isNemesis()) return;
        if (op.isInvoke()) {
            invokedAt.put(op.process(), op.time());
        } else {
            completions++;
            completionsByType.merge(op.type(), 1L, Long::sum);
            Long start = invokedAt.remove(op.process());
            if (start == null) return;
            if (latencyCount == latencies.length) latencies = Arrays.copyOf(latencies, latencies.length * 2);
            latencies[latencyCount++] = op.time() - start;
        }
    }

    /** One line for people, as of {@code nowNanos}: time into the phase, completions, the window's throughput and latencies. */
    public String line(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - lastNanos) / 1e9);
        long rate = Math.round((completions - lastCompletions) / seconds);
        lastNanos = nowNanos;
        lastCompletions = completions;
        Arrays.sort(latencies, 0, latencyCount);
        String latency = latencyCount == 0 ? "" : String.format(", latency p50 %.2f ms p99 %.2f ms",
                latencies[latencyCount / 2] / 1e6, latencies[Math.min(latencyCount - 1, (int) (latencyCount * 0.99))] / 1e6);
        latencyCount = 0;
        return String.format("%.0fs: %d ops (ok %d, fail %d, info %d), %d ops/s%s",
                (nowNanos - phaseStartNanos) / 1e9, completions, completionsByType.getOrDefault(OpType.OK, 0L),
                completionsByType.getOrDefault(OpType.FAIL, 0L), completionsByType.getOrDefault(OpType.INFO, 0L), rate, latency);
    }
}
