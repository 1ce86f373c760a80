package io.faultline.protocol;

import io.faultline.config.DbConfig;
import io.faultline.config.ReadyConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentContractTest {
    private static final AgentContract CONTRACT = new AgentContract("run-1", "n2", List.of("n1", "n2"),
            new DbConfig("etcd", "3.4", null, null, new ReadyConfig(2379, null, Duration.ofSeconds(45)), List.of(), List.of()),
            new AgentContract.Clients("etcd", 1500, Map.of("serializable-reads", true, "timeout-ms", 1500L)), 10_000,
            new AgentContract.Endpoints("faultline-run-1", "10.214.4.12", 5701, List.of("10.214.4.1:40000", "10.214.4.12:5701"),
                    Map.of("n1", "10.214.5.11", "n2", "10.214.5.12"), "/opt/faultline/tls",
                    Map.of("zookeeper", "10.214.5.200")), List.of("/opt/faultline/plugins/0/postgres-client.jar"));

    @Test
    void aContractSurvivesItsJson() {
        assertThat(AgentContract.fromJson(CONTRACT.toJson())).isEqualTo(CONTRACT);
        assertThat(CONTRACT.toJson()).contains("\"timeout\":\"PT45S\"").doesNotContain("dataAddress\"");
    }

    @Test
    void theNodesDataAddressComesFromItsEndpoints() {
        assertThat(CONTRACT.dataAddress()).isEqualTo("10.214.5.12");
        assertThat(CONTRACT.withEndpoints(null).dataAddress()).isNull();
    }

    @Test
    void aMissingOrBrokenContractNamesTheVariable() {
        assertThatThrownBy(() -> AgentContract.fromJson(null)).hasMessageStartingWith("FAULTLINE_AGENT is not set");
        assertThatThrownBy(() -> AgentContract.fromJson("{\"node\": ")).hasMessageStartingWith("FAULTLINE_AGENT is not an agent contract");
    }
}
