package io.faultline.control;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Running counts of a run's history — completions by type, throughput and latency quantiles of the last
 * window — for progress lines. Fed on the event loop, in record order.
 */
public final class Progress {
    private static final int WINDOW = 4096;

    private final Map<OpType, Long> completionsByType = new EnumMap<>(OpType.class);
    private final Map<Integer, Long> invokedAt = new HashMap<>();
    private final long[] latencies = new long[WINDOW];
    private int latencyCount;
    private long completions;
    private long lastCompletions;
    private long lastNanos = System.nanoTime();

    public void record(Op op) {
        if (op.isNemesis()) return;
        if (op.isInvoke()) {
            invokedAt.put(op.process(), op.time());
        } else {
            completions++;
            completionsByType.merge(op.type(), 1L, Long::sum);
            Long start = invokedAt.remove(op.process());
            if (start != null) latencies[latencyCount++ % WINDOW] = op.time() - start;
        }
    }

    /** One line for people: completions, throughput since the last line, latency quantiles. */
    public String line(long runNanos) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long rate = Math.round((completions - lastCompletions) / seconds);
        lastNanos = now;
        lastCompletions = completions;
        long[] window = Arrays.copyOf(latencies, Math.min(latencyCount, WINDOW));
        Arrays.sort(window);
        String latency = window.length == 0 ? "" : String.format(", latency p50 %.2f ms p99 %.2f ms",
                window[window.length / 2] / 1e6, window[Math.min(window.length - 1, (int) (window.length * 0.99))] / 1e6);
        latencyCount = 0;
        return String.format("%.0fs: %d ops (ok %d, fail %d, info %d), %d ops/s%s",
                runNanos / 1e9, completions, completionsByType.getOrDefault(OpType.OK, 0L),
                completionsByType.getOrDefault(OpType.FAIL, 0L), completionsByType.getOrDefault(OpType.INFO, 0L), rate, latency);
    }
}
