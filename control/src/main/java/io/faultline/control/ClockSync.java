package io.faultline.control;

import io.faultline.protocol.Messages.Ping;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps each agent's monotonic clock onto the control's timeline (DESIGN.md decision 3). A ping exchange
 * brackets the agent's reading between the control's send and receive times, so the offset is known to
 * within half the round trip; the narrowest of a few probes wins. Histories widen each operation by that
 * uncertainty, so a clock error can make an operation look more concurrent, never out of order.
 */
public final class ClockSync {
    private static final int PROBES = 5;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final Agents agents;
    private final long runStartNanos;
    private final Map<String, Estimate> estimates = new ConcurrentHashMap<>();

    /** agentNanos − controlNanos, known to ± uncertainty. */
    public record Estimate(long offsetNanos, long uncertaintyNanos) {
    }

    public ClockSync(Agents agents, long runStartNanos) {
        this.agents = agents;
        this.runStartNanos = runStartNanos;
    }

    /** Probes every agent and keeps each one's narrowest estimate of this round. */
    public Future<Void> probeAll() {
        List<Future<Estimate>> all = new ArrayList<>();
        for (String node : agents.nodes()) all.add(probe(node, PROBES, null));
        return Future.all(all).mapEmpty();
    }

    private Future<Estimate> probe(String node, int remaining, Estimate best) {
        if (remaining == 0) {
            estimates.put(node, best);
            return Future.succeededFuture(best);
        }
        long sent = System.nanoTime();
        return agents.command(node, new Ping(), PING_TIMEOUT).compose(reply -> {
            long received = System.nanoTime();
            long halfRoundTrip = (received - sent + 1) / 2;
            Estimate sample = new Estimate(reply.agentNanos() - (sent + halfRoundTrip), halfRoundTrip);
            Estimate better = best == null || sample.uncertaintyNanos() < best.uncertaintyNanos() ? sample : best;
            return probe(node, remaining - 1, better);
        });
    }

    public Estimate estimate(String node) {
        return estimates.get(node);
    }

    /** An agent's reading on the run's timeline: nanoseconds since the run started. */
    public long toRunTime(String node, long agentNanos) {
        Estimate e = estimates.get(node);
        long offset = e == null ? 0 : e.offsetNanos();
        return agentNanos - offset - runStartNanos;
    }

    public long uncertainty(String node) {
        Estimate e = estimates.get(node);
        return e == null ? 0 : e.uncertaintyNanos();
    }

    public long runStartNanos() {
        return runStartNanos;
    }
}
