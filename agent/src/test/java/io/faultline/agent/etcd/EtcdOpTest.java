package io.faultline.agent.etcd;

import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdOpTest {

    @Test
    void aReadIsARange() {
        EtcdOp read = op("read", "k", null, true);

        assertThat(read.path()).isEqualTo("/v3/kv/range");
        assertThat(read.body()).isEqualTo(EtcdJson.range("/faultline/k", true));
        assertThat(read.onAnswer().apply(new JsonObject())).isEqualTo(Completion.ok(null));
    }

    @Test
    void aWriteIsAPutAcknowledgedWithItsValue() {
        EtcdOp write = op("write", 4, 9, false);

        assertThat(write.path()).isEqualTo("/v3/kv/put");
        assertThat(write.body()).isEqualTo(EtcdJson.put("/faultline/4", 9L));
        assertThat(write.onAnswer().apply(new JsonObject())).isEqualTo(Completion.ok(9L));
    }

    @Test
    void aCasIsATxnThatFailsAsACompareFailedWhenTheCompareFails() {
        EtcdOp cas = op("cas", null, List.of(1, 2), false);

        assertThat(cas.path()).isEqualTo("/v3/kv/txn");
        assertThat(cas.body()).isEqualTo(EtcdJson.compareAndSet("/faultline/faultline", 1L, 2L));
        assertThat(cas.onAnswer().apply(new JsonObject().put("succeeded", true))).isEqualTo(Completion.ok(List.of(1L, 2L)));
        assertThat(cas.onAnswer().apply(new JsonObject())).isEqualTo(Completion.compareFailed(List.of(1L, 2L)));
    }

    @Test
    void afterAnErrorAReadFailsAndTheOthersAreIndeterminate() {
        assertThat(op("read", "k", null, false).mayHaveBeenSent("boom")).isEqualTo(Completion.fail(null, "boom"));
        assertThat(op("write", "k", 1L, false).mayHaveBeenSent("boom")).isEqualTo(Completion.info(1L, "boom"));
        assertThat(op("cas", "k", List.of(1L, 2L), false).mayHaveBeenSent("boom")).isEqualTo(Completion.info(List.of(1L, 2L), "boom"));
    }

    @Test
    void whatWasNeverSentFailsWhateverTheF() {
        assertThat(op("write", "k", 1L, false).notSent("connection-refused")).isEqualTo(Completion.fail(1L, "connection-refused"));
    }

    @Test
    void malformedInvocationsAreRejectedWithWhatIsExpected() {
        assertThatThrownBy(() -> op("add", "k", 1L, false)).hasMessage("the etcd client knows f read, write, cas; found 'add'");
        assertThatThrownBy(() -> op(null, "k", 1L, false)).hasMessageContaining("found 'null'");
        assertThatThrownBy(() -> op("write", "k", "one", false)).hasMessage("write needs an integer value, found one");
        assertThatThrownBy(() -> op("write", "k", 1.5, false)).hasMessageContaining("integer");
        assertThatThrownBy(() -> op("cas", "k", List.of(1L), false)).hasMessage("cas needs a value [from to] of integers, found [1]");
        assertThatThrownBy(() -> op("cas", "k", List.of(1L, "x"), false)).hasMessageContaining("[from to] of integers");
    }

    private static EtcdOp op(String f, Object key, Object value, boolean serializableReads) {
        return EtcdOp.of(new Invocation(0, f, key, value), serializableReads);
    }
}
