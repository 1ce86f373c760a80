package io.faultline.agent.etcd;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdSettingsTest {

    private static final Map<String, String> DOCKER_ENV =
            Map.of("FAULTLINE_DATA_ADDRESSES", "n1=10.214.5.11, n2=10.214.5.12,n3=fd00::13");

    @Test
    void theEndpointOptionWins() {
        EtcdSettings settings = EtcdSettings.from("n2", Map.of("endpoint", "http://127.0.0.1:32768/"), DOCKER_ENV);

        assertThat(settings.endpoint()).isEqualTo("http://127.0.0.1:32768");
    }

    @Test
    void otherwiseTheClientTalksToItsOwnNodesDataAddress() {
        assertThat(EtcdSettings.from("n2", Map.of(), DOCKER_ENV).endpoint()).isEqualTo("http://10.214.5.12:2379");
        assertThat(EtcdSettings.from("n3", Map.of(), DOCKER_ENV).endpoint()).isEqualTo("http://[fd00::13]:2379");
    }

    @Test
    void withoutADataAddressItTalksToLocalhost() {
        assertThat(EtcdSettings.from("n1", Map.of(), Map.of()).endpoint()).isEqualTo("http://127.0.0.1:2379");
        assertThat(EtcdSettings.from("n9", null, DOCKER_ENV).endpoint()).isEqualTo("http://127.0.0.1:2379");
    }

    @Test
    void malformedDataAddressesAreRejected() {
        assertThatThrownBy(() -> EtcdSettings.from("n1", Map.of(), Map.of("FAULTLINE_DATA_ADDRESSES", "n1:10.0.0.1")))
                .hasMessageContaining("expected node=address, found 'n1:10.0.0.1'");
    }

    @Test
    void readsGoThroughConsensusUnlessSerializableReadsAreAskedFor() {
        assertThat(EtcdSettings.from("n1", Map.of(), Map.of()).serializableReads()).isFalse();
        assertThat(EtcdSettings.from("n1", Map.of("serializable-reads", true), Map.of()).serializableReads()).isTrue();
        assertThat(EtcdSettings.from("n1", Map.of("serializable-reads", "true"), Map.of()).serializableReads()).isTrue();
        assertThatThrownBy(() -> EtcdSettings.from("n1", Map.of("serializable-reads", "yes"), Map.of()))
                .hasMessageContaining("serializable-reads: expected true or false");
    }

    @Test
    void requestsGiveUpALittleBeforeTheWorkloadTimeout() {
        assertThat(EtcdSettings.from("n1", Map.of(), Map.of()).requestTimeoutMillis()).isEqualTo(900);
        assertThat(EtcdSettings.from("n1", Map.of("timeout-ms", 5000L), Map.of()).requestTimeoutMillis()).isEqualTo(4500);
        assertThat(EtcdSettings.from("n1", Map.of("timeout-ms", "200"), Map.of()).requestTimeoutMillis()).isEqualTo(180);
        assertThatThrownBy(() -> EtcdSettings.from("n1", Map.of("timeout-ms", 0), Map.of()))
                .hasMessageContaining("timeout-ms: expected a positive number");
    }

    @Test
    void onlyRegistersAreServed() {
        assertThat(EtcdSettings.from("n1", Map.of("data-type", "register"), Map.of())).isNotNull();
        assertThatThrownBy(() -> EtcdSettings.from("n1", Map.of("data-type", "set"), Map.of()))
                .hasMessageContaining("data-type 'set' is not supported");
    }
}
