package io.faultline.agent;

import io.faultline.protocol.Messages.Ack;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams this agent's history events to the control (DESIGN.md decision 4). Events emitted during one
 * turn of the event loop leave together as one numbered batch; a batch stays in {@code unacked} until the
 * control acknowledges it and is sent again, with its number, if the acknowledgement does not come. The batches
 * wait in memory: an agent that outlives its control has nobody to send them to.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final long ACK_TIMEOUT_MS = 5_000;
    private static final long RESEND_DELAY_MS = 500;

    private final Vertx vertx;
    private final Context context;
    private final String address;
    private final String node;
    private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(ACK_TIMEOUT_MS);
    private final Map<Long, EventBatch> unacked = new TreeMap<>();
    private List<Event> pending = new ArrayList<>();
    private boolean flushScheduled;
    private long nextSeq;
    private boolean resendScheduled;

    EventStream(Vertx vertx, Context context, String address, String node) {
        this.vertx = vertx;
        this.context = context;
        this.address = address;
        this.node = node;
    }

    /** Queues an event; it leaves with the others of this event-loop turn. Call on the agent's context. */
    void emit(Event event) {
        pending.add(event);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    int unackedBatches() {
        return unacked.size();
    }

    private void flush() {
        flushScheduled = false;
        if (pending.isEmpty()) return;
        EventBatch batch = new EventBatch(node, nextSeq++, pending);
        pending = new ArrayList<>();
        unacked.put(batch.seq(), batch);
        send(batch);
    }

    private void send(EventBatch batch) {
        vertx.eventBus().<Ack>request(address, batch, delivery).onComplete(reply -> {
            if (reply.succeeded()) {
                unacked.remove(reply.result().body().seq());
            } else {
                scheduleResend(reply.cause().getMessage());
            }
        });
    }

    private void scheduleResend(String why) {
        if (resendScheduled) return;
        resendScheduled = true;
        LOG.info("{}: {} event batches unacknowledged ({}); resending", node, unacked.size(), why);
        vertx.setTimer(RESEND_DELAY_MS, id -> {
            resendScheduled = false;
            List.copyOf(unacked.values()).forEach(this::send);
        });
    }
}
