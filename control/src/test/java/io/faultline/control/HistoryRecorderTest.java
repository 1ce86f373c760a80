package io.faultline.control;

import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRecorderTest {
    private final Vertx vertx = Vertx.vertx();
    private final Addresses addresses = new Addresses("run-1");
    private final BlockingQueue<String> acknowledgements = new LinkedBlockingQueue<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void aBatchSentAgainIsAcknowledgedButRecordedOnce() throws Exception {
        List<Op> seen = new CopyOnWriteArrayList<>();
        HistoryRecorder recorder = recorder(seen);
        EventBatch batch = new EventBatch("n1", 0, List.of(
                new Event(0, 0, OpType.INVOKE, "write", null, 1L, null, 1_000),
                new Event(0, 0, OpType.OK, "write", null, 1L, null, 2_000)));

        assertThat(deliver(batch)).isEqualTo("n1 below 1");
        assertThat(deliver(batch)).as("the repeat is acknowledged too, so the agent stops resending").isEqualTo("n1 below 1");
        assertThat(deliver(new EventBatch("n1", 1, List.of(new Event(1, 1, OpType.INVOKE, "read", null, null, null, 3_000)))))
                .isEqualTo("n1 below 2");
        await(recorder.close());

        assertThat(seen).hasSize(3);
        assertThat(History.read(dir.resolve("history.jsonl"), HistoryFormat.JSONL).ops())
                .extracting(Op::index).containsExactly(0L, 1L, 2L);
    }

    @Test
    void batchesArrivingOutOfOrderAreEachRecordedOnce() throws Exception {
        List<Op> seen = new CopyOnWriteArrayList<>();
        HistoryRecorder recorder = recorder(seen);
        List<String> acks = new ArrayList<>();
        for (long seq : new long[] {2, 0, 2, 1, 0}) {
            acks.add(deliver(new EventBatch("n2", seq, List.of(new Event(0, 0, OpType.INVOKE, "read", null, null, null, seq)))));
        }
        await(recorder.close());
        assertThat(seen).extracting(Op::time).containsExactly(2L, 0L, 1L);
        assertThat(acks).as("only what has arrived without a gap is acknowledged")
                .containsExactly("n2 below 0", "n2 below 1", "n2 below 1", "n2 below 3", "n2 below 3");
        assertThat(seen).allSatisfy(op -> assertThat(op.node()).isEqualTo("n2"));
    }

    private HistoryRecorder recorder(List<Op> seen) throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        HistoryRecorder recorder = new HistoryRecorder(vertx, addresses, new ClockSync(null, 0), dir.resolve("history.jsonl"), seen::add,
                (node, below) -> acknowledgements.add(node + " below " + below));
        await(recorder.listen());
        return recorder;
    }

    /** Sends a batch as an agent does and returns the acknowledgement the recorder gave for it. */
    private String deliver(EventBatch batch) throws Exception {
        vertx.eventBus().send(addresses.controlEvents(), batch);
        return acknowledgements.poll(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
