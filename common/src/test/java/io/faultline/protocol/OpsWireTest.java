package io.faultline.protocol;

import io.faultline.history.OpType;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpsWireTest {

    @Test
    void operationsCrossTheWireAsAJsonRoundTripWouldGiveThem() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1L, List.of(1, 2));
        map.put("k", null);
        InvokeBatch sent = new InvokeBatch(List.of(
                new Invoke(3, 17, "cas", 4, Arrays.asList(1L, 2)),
                new Invoke(0, 0, "txn", null, List.of(List.of("append", "x", 1L), List.of("r", "y", Arrays.asList(1L, null)))),
                new Invoke(1, 5, "write", "κλειδί", map),
                new Invoke(2, 6, "add", 7L, Set.of(true)),
                new Invoke(4, 8, "big", 1.5, java.time.Duration.ofSeconds(30))), 42);

        InvokeBatch received = roundTrip(InvokeBatch.class, sent);

        assertThat(received.eventsReceivedBelow()).isEqualTo(42);
        assertThat(received.ops()).extracting(Invoke::thread).containsExactly(3, 0, 1, 2, 4);
        assertThat(received.ops().get(0).key()).as("integers as Long").isEqualTo(4L);
        assertThat(received.ops().get(0).value()).isEqualTo(List.of(1L, 2L));
        assertThat(received.ops().get(1).value()).isEqualTo(List.of(List.of("append", "x", 1L), List.of("r", "y", Arrays.asList(1L, null))));
        assertThat(received.ops().get(2).key()).isEqualTo("κλειδί");
        Map<String, Object> keysAsStrings = new LinkedHashMap<>();
        keysAsStrings.put("1", List.of(1L, 2L));
        keysAsStrings.put("k", null);
        assertThat(received.ops().get(2).value()).as("map keys as strings, as in JSON").isEqualTo(keysAsStrings);
        assertThat(received.ops().get(3).value()).as("a set as a list").isEqualTo(List.of(true));
        assertThat(received.ops().get(4).key()).isEqualTo(1.5);
        assertThat(received.ops().get(4).value()).as("any other type through JSON")
                .isEqualTo("PT30S");
    }

    @Test
    void eventsKeepTheirTypeTimeAndError() {
        EventBatch sent = new EventBatch("n4", 9, List.of(
                new Event(1, 11, OpType.INVOKE, "read", 2L, null, null, 123_456_789_012L),
                new Event(1, 11, OpType.INFO, "read", 2L, null, "timeout", 123_456_789_999L),
                new Event(2, 12, OpType.FAIL, "write", null, 5L, "compare-failed: ü", -1L)));

        EventBatch received = roundTrip(EventBatch.class, sent);

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void aMessageAfterAnotherInOneBufferDecodesFromItsOwnPosition() {
        MessageCodec<InvokeBatch, InvokeBatch> codec = codec(InvokeBatch.class);
        Buffer buffer = Buffer.buffer().appendString("header");
        int at = buffer.length();
        codec.encodeToWire(buffer, new InvokeBatch(List.of(), 7));
        buffer.appendString("trailer");
        assertThat(codec.decodeFromWire(at, buffer)).isEqualTo(new InvokeBatch(List.of(), 7));
    }

    private static <T> T roundTrip(Class<T> type, T message) {
        MessageCodec<T, T> codec = codec(type);
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, message);
        return codec.decodeFromWire(0, buffer);
    }

    private static <T> MessageCodec<T, T> codec(Class<T> type) {
        return new RecordCodec<>(type);
    }
}
