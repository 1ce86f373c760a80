package io.faultline.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.faultline.config.DbConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PatroniDbTest {
    private final Vertx vertx = Vertx.vertx();
    private static final Map<String, String> NODES = Map.of("n1", "10.9.5.11", "n2", "10.9.5.12", "n3", "10.9.5.13");

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void patroniYmlNamesTheRunsClusterZooKeeperAndTheReplicationAsked() throws Exception {
        DbConfig sync = new DbConfig("patroni", null, null, null, null, List.of(), List.of(), new DbConfig.Replication(true, true));
        JsonNode yml = new YAMLMapper().readTree(new PatroniDb(vertx, Shell.system(), "r1", "n2", NODES, "10.9.5.200", sync).patroniYml());

        assertThat(yml.path("scope").asText()).isEqualTo("faultline-r1");
        assertThat(yml.path("name").asText()).isEqualTo("n2");
        assertThat(yml.path("restapi").path("connect_address").asText()).isEqualTo("10.9.5.12:8008");
        assertThat(yml.path("zookeeper").path("hosts").get(0).asText()).isEqualTo("10.9.5.200:2181");
        assertThat(yml.path("bootstrap").path("dcs").path("synchronous_mode").asBoolean()).isTrue();
        assertThat(yml.path("bootstrap").path("dcs").path("synchronous_mode_strict").asBoolean()).isTrue();
        assertThat(yml.path("postgresql").path("connect_address").asText()).isEqualTo("10.9.5.12:5432");
        assertThat(yml.path("postgresql").path("pg_hba").toString()).contains("host replication replicator 10.9.5.13/32 md5");

        DbConfig async = new DbConfig("patroni", null, null, null, null, List.of(), List.of());
        JsonNode defaults = new YAMLMapper().readTree(new PatroniDb(vertx, Shell.system(), "r1", "n1", NODES, "10.9.5.200", async)
                .patroniYml());
        assertThat(defaults.path("bootstrap").path("dcs").path("synchronous_mode").asBoolean()).isFalse();
    }

    @Test
    void thePrimaryIsTheMemberHoldingTheLeaderKeyWhateverItsState() {
        JsonObject cluster = new JsonObject("{\"members\": [{\"name\": \"n1\", \"role\": \"replica\", \"state\": \"streaming\"},"
                + " {\"name\": \"n3\", \"role\": \"leader\", \"state\": \"stopped\"},"
                + " {\"name\": \"n2\", \"role\": \"sync_standby\", \"state\": \"streaming\"}]}");
        assertThat(PatroniDb.leaderOf(cluster)).isEqualTo("n3");
        assertThat(PatroniDb.leaderOf(new JsonObject("{\"members\": [{\"name\": \"n1\", \"role\": \"replica\"}]}")))
                .as("an election under way").isNull();
    }
}
