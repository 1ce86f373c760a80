package io.faultline.agent.etcd;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdSettingsTest {

    @Test
    void theEndpointOptionWins() {
        EtcdSettings settings = EtcdSettings.from("10.214.5.12", Map.of("endpoint", "http://127.0.0.1:32768/"));

        assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:32768");
    }

    @Test
    void otherwiseTheClientTalksToItsOwnNodesDataAddress() {
        assertThat(EtcdSettings.from("10.214.5.12", Map.of()).endpoint()).isEqualTo("http://10.214.5.12:2379");
        assertThat(EtcdSettings.from("fd00::13", Map.of()).endpoint()).isEqualTo("http://[fd00::13]:2379");
    }

    @Test
    void withoutADataAddressItTalksToLocalhost() {
        assertThat(EtcdSettings.from(null, Map.of()).endpoint()).isEqualTo("http://127.0.0.1:2379");
        assertThat(EtcdSettings.from(null, null).endpoint()).isEqualTo("http://127.0.0.1:2379");
    }

    @Test
    void readsGoThroughConsensusUnlessSerializableReadsAreAskedFor() {
        assertThat(EtcdSettings.from(null, Map.of()).serializableReads()).isFalse();
        assertThat(EtcdSettings.from(null, Map.of("serializable-reads", true)).serializableReads()).isTrue();
        assertThat(EtcdSettings.from(null, Map.of("serializable-reads", "true")).serializableReads()).isTrue();
        assertThatThrownBy(() -> EtcdSettings.from(null, Map.of("serializable-reads", "yes")))
                .hasMessageContaining("serializable-reads: expected true or false");
    }

    @Test
    void requestsGiveUpALittleBeforeTheWorkloadTimeout() {
        assertThat(EtcdSettings.from(null, Map.of()).requestTimeoutMillis()).isEqualTo(900);
        assertThat(EtcdSettings.from(null, Map.of("timeout-ms", 5000L)).requestTimeoutMillis()).isEqualTo(4500);
        assertThat(EtcdSettings.from(null, Map.of("timeout-ms", "200")).requestTimeoutMillis()).isEqualTo(180);
        assertThatThrownBy(() -> EtcdSettings.from(null, Map.of("timeout-ms", 0)))
                .hasMessageContaining("timeout-ms: expected a positive number");
    }

    @Test
    void onlyRegistersAreServed() {
        assertThat(EtcdSettings.from(null, Map.of("data-type", "register"))).isNotNull();
        assertThatThrownBy(() -> EtcdSettings.from(null, Map.of("data-type", "set")))
                .hasMessageContaining("data-type 'set' is not supported");
    }
}
