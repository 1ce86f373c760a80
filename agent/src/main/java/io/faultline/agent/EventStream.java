package io.faultline.agent;

import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Streams this agent's history events to the control (DESIGN.md decision 4). Events emitted during one
 * turn of the event loop leave together as one numbered batch, without a reply: the control acknowledges
 * every batch below a number in the operation batches it sends back ({@link #acknowledged}), so a round trip
 * costs two messages, not three. A batch stays in {@code unacked} until acknowledged and is sent again, with
 * its number, once it has waited {@code resendAfter}. The batches wait in memory: an agent that outlives its
 * control has nobody to send them to.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long RESEND_AFTER_MS = 2_000;

    private final Vertx vertx;
    private final Context context;
    private final String address;
    private final String node;
    private final long resendAfterNanos;
    private final TreeMap<Long, Sent> unacked = new TreeMap<>();
    private List<Event> pending = new ArrayList<>();
    private boolean flushScheduled;
    private long nextSeq;

    private record Sent(EventBatch batch, long atNanos) {
    }

    EventStream(Vertx vertx, Context context, String address, String node) {
        this(vertx, context, address, node, RESEND_AFTER_MS);
    }

    EventStream(Vertx vertx, Context context, String address, String node, long resendAfterMillis) {
        this.vertx = vertx;
        this.context = context;
        this.address = address;
        this.node = node;
        this.resendAfterNanos = resendAfterMillis * 1_000_000L;
    }

    /** Queues an event; it leaves with the others of this event-loop turn. Call on the agent's context. */
    void emit(Event event) {
        pending.add(event);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    /** The control has every batch numbered below {@code below}. Call on the agent's context. */
    void acknowledged(long below) {
        unacked.headMap(below).clear();
    }

    int unackedBatches() {
        return unacked.size();
    }

    /** Sends again, in order, every batch that has waited too long for its acknowledgement. Call on the agent's context. */
    void resendOverdue() {
        if (unacked.isEmpty()) return;
        long now = System.nanoTime();
        if (now - unacked.firstEntry().getValue().atNanos() < resendAfterNanos) return;
        List<Sent> overdue = unacked.values().stream().filter(sent -> now - sent.atNanos() >= resendAfterNanos).toList();
        LOG.info("{}: {} event batches unacknowledged for {} ms or more; resending", node, overdue.size(), resendAfterNanos / 1_000_000);
        for (Sent sent : overdue) send(sent.batch(), now);
    }

    private void flush() {
        flushScheduled = false;
        if (pending.isEmpty()) return;
        EventBatch batch = new EventBatch(node, nextSeq++, pending);
        pending = new ArrayList<>();
        send(batch, System.nanoTime());
    }

    private void send(EventBatch batch, long now) {
        unacked.put(batch.seq(), new Sent(batch, now));
        vertx.eventBus().send(address, batch);
    }
}
