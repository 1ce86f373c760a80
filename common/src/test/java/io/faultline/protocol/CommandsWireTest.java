package io.faultline.protocol;

import io.faultline.fault.PartitionFamily;
import io.faultline.protocol.Messages.ApplyFault;
import io.faultline.protocol.Messages.Command;
import io.faultline.protocol.Messages.FindPrimary;
import io.faultline.protocol.Messages.Reply;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsWireTest {

    @Test
    void aPartitionFromTheServicesAndTheQuestionForThePrimaryCrossTheWire() {
        Command apply = new ApplyFault(new PartitionFamily.Partition(Set.of("n2"), true));
        assertThat(roundTrip(ApplyFault.class, (ApplyFault) apply)).isEqualTo(apply);
        assertThat(roundTrip(FindPrimary.class, new FindPrimary())).isEqualTo(new FindPrimary());
        assertThat(roundTrip(Reply.class, Reply.primary("n3", 7)).primary()).isEqualTo("n3");
        assertThat(roundTrip(Reply.class, Reply.primary(null, 7))).isEqualTo(Reply.ok(7));
    }

    private static <T> T roundTrip(Class<T> type, T message) {
        RecordCodec<T> codec = new RecordCodec<>(type);
        Buffer buffer = Buffer.buffer();
        codec.encodeToWire(buffer, message);
        return codec.decodeFromWire(0, buffer);
    }
}
