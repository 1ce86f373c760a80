package io.faultline.control;

import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Ack;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRecorderTest {
    private final Vertx vertx = Vertx.vertx();
    private final Addresses addresses = new Addresses("run-1");

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

        assertThat(request(batch).seq()).isZero();
        assertThat(request(batch).seq()).as("the repeat is acknowledged too, so the agent stops resending").isZero();
        assertThat(request(new EventBatch("n1", 1, List.of(new Event(1, 1, OpType.INVOKE, "read", null, null, null, 3_000)))).seq()).isOne();
        await(recorder.close());

        assertThat(seen).hasSize(3);
        assertThat(History.read(dir.resolve("history.jsonl"), HistoryFormat.JSONL).ops())
                .extracting(Op::index).containsExactly(0L, 1L, 2L);
    }

    @Test
    void batchesArrivingOutOfOrderAreEachRecordedOnce() throws Exception {
        List<Op> seen = new CopyOnWriteArrayList<>();
        HistoryRecorder recorder = recorder(seen);
        for (long seq : new long[] {2, 0, 2, 1, 0}) {
            request(new EventBatch("n2", seq, List.of(new Event(0, 0, OpType.INVOKE, "read", null, null, null, seq))));
        }
        await(recorder.close());
        assertThat(seen).extracting(Op::time).containsExactly(2L, 0L, 1L);
        assertThat(seen).allSatisfy(op -> assertThat(op.node()).isEqualTo("n2"));
    }

    private HistoryRecorder recorder(List<Op> seen) throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        HistoryRecorder recorder = new HistoryRecorder(vertx, addresses, new ClockSync(null, 0), dir.resolve("history.jsonl"), seen::add);
        await(recorder.listen());
        return recorder;
    }

    private Ack request(EventBatch batch) throws Exception {
        return await(vertx.eventBus().<Ack>request(addresses.controlEvents(), batch)).body();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
