package io.faultline.agent;

import io.faultline.history.OpType;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamTest {
    private static final String CONTROL = "faultline.run-1.control.events";
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void eventsOfOneTurnLeaveAsOneNumberedBatch() throws Exception {
        Context context = vertx.getOrCreateContext();
        EventStream stream = new EventStream(vertx, context, CONTROL, "n1");
        List<EventBatch> received = receiveAndAck(stream, context);
        context.runOnContext(v -> {
            stream.emit(event(1));
            stream.emit(event(2));
        });
        awaitBatches(received, 1);
        context.runOnContext(v -> stream.emit(event(3)));
        awaitBatches(received, 2);
        assertThat(received.get(0).seq()).isZero();
        assertThat(received.get(0).events()).hasSize(2);
        assertThat(received.get(1).seq()).isOne();
        assertThat(received.get(1).events()).extracting(Event::agentNanos).containsExactly(3L);
    }

    @Test
    void aBatchNobodyAcknowledgedIsSentAgainWithItsNumber() throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        Context context = vertx.getOrCreateContext();
        EventStream stream = new EventStream(vertx, context, CONTROL, "n1", 100);
        context.runOnContext(v -> {
            stream.emit(event(7));
            vertx.setPeriodic(20, id -> stream.resendOverdue());
        });
        Thread.sleep(200);
        // The control was not listening when the batch left; it starts now and must still get it.
        List<EventBatch> received = receiveAndAck(stream, context);
        awaitBatches(received, 1);
        assertThat(received.get(0).seq()).isZero();
        assertThat(received.get(0).events()).extracting(Event::agentNanos).containsExactly(7L);
        Thread.sleep(300);
        assertThat(stream.unackedBatches()).isZero();
        assertThat(received).as("acknowledged, so not sent again").hasSize(1);
    }

    @Test
    void anAcknowledgementCoversEveryBatchBelowItsNumber() throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        Context context = vertx.getOrCreateContext();
        EventStream stream = new EventStream(vertx, context, CONTROL, "n1");
        List<EventBatch> received = new CopyOnWriteArrayList<>();
        vertx.eventBus().<EventBatch>consumer(CONTROL, message -> received.add(message.body()));
        for (int i = 0; i < 3; i++) {
            long nanos = i;
            context.runOnContext(v -> stream.emit(event(nanos)));
            awaitBatches(received, i + 1);
        }
        CompletableFuture<Integer> left = new CompletableFuture<>();
        context.runOnContext(v -> {
            stream.acknowledged(2);
            left.complete(stream.unackedBatches());
        });
        assertThat(left.get(5, TimeUnit.SECONDS)).as("batch 2 is still unacknowledged").isOne();
    }

    /** A control that acknowledges each batch as the real one does: on the agent's context, cumulatively. */
    private List<EventBatch> receiveAndAck(EventStream stream, Context agentContext) {
        RecordCodec.registerAll(vertx.eventBus());
        List<EventBatch> received = new CopyOnWriteArrayList<>();
        vertx.eventBus().<EventBatch>consumer(CONTROL, message -> {
            received.add(message.body());
            agentContext.runOnContext(v -> stream.acknowledged(message.body().seq() + 1));
        });
        return received;
    }

    private static Event event(long nanos) {
        return new Event(0, 0, OpType.INVOKE, "read", null, null, null, nanos);
    }

    private static void awaitBatches(List<EventBatch> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.size() < count && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }
}
