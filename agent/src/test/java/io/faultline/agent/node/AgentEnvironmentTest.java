package io.faultline.agent.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentEnvironmentTest {

    private static AgentEnvironment sample(Path tlsDir) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("n1", "10.214.5.11");
        data.put("n2", "10.214.5.12");
        return new AgentEnvironment("run-1", "faultline-run-1", "n2", List.of("n1", "n2"), "10.214.4.12", 5702,
                List.of("10.214.4.2:5701", "10.214.4.11:5701", "10.214.4.12:5702"), data, tlsDir,
                "{\"name\":\"etcd\",\"ready\":{\"timeout\":\"30s\"}}");
    }

    @Test
    void whatTheProviderSetsIsWhatTheAgentReads() {
        AgentEnvironment env = sample(Path.of("/etc/faultline/tls"));
        assertThat(AgentEnvironment.from(env.toEnv())).isEqualTo(env);
    }

    @Test
    void withoutATlsDirTheVariableIsLeftOutAndReadsBackAsNone() {
        AgentEnvironment env = sample(null);
        assertThat(env.toEnv()).doesNotContainKey("FAULTLINE_TLS_DIR");
        assertThat(AgentEnvironment.from(env.toEnv())).isEqualTo(env);
    }

    @Test
    void optionalVariablesHaveDefaults() {
        Map<String, String> vars = new HashMap<>(sample(null).toEnv());
        vars.remove("FAULTLINE_HAZELCAST_PORT");
        vars.remove("FAULTLINE_DB");
        vars.remove("FAULTLINE_JOURNAL");
        AgentEnvironment env = AgentEnvironment.from(vars);
        assertThat(env.hazelcastPort()).isEqualTo(5701);
        assertThat(env.dbJson()).isEqualTo("{}");
    }

    @Test
    void aMissingRequiredVariableIsNamed() {
        Map<String, String> vars = new HashMap<>(sample(null).toEnv());
        vars.remove("FAULTLINE_MEMBERS");
        assertThatThrownBy(() -> AgentEnvironment.from(vars)).hasMessageStartingWith("FAULTLINE_MEMBERS is not set");
    }

    @Test
    void aMalformedDataAddressIsQuoted() {
        Map<String, String> vars = new HashMap<>(sample(null).toEnv());
        vars.put("FAULTLINE_DATA_ADDRESSES", "n1=10.0.0.1,n2");
        assertThatThrownBy(() -> AgentEnvironment.from(vars)).hasMessageContaining("found 'n2'");
    }
}
