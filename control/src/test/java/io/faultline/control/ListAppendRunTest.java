package io.faultline.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checker.Verdict;
import io.faultline.config.ConfigLoader;
import io.faultline.json.Json;
import io.faultline.run.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The list-append and rw-register workloads against the simulated store: correct it is strictly serializable; each isolation bug is found. */
class ListAppendRunTest {
    @TempDir
    Path store;

    private JsonNode run(String name, String bugs, String models, String nemesis) throws Exception {
        return run("list-append", name, bugs, models, nemesis);
    }

    private JsonNode run(String workload, String name, String bugs, String models, String nemesis) throws Exception {
        String yaml = """
                name: %s
                nodes: 3
                concurrency: 2n
                time-limit: 3s
                seed: 7
                db: {bugs: [%s]}
                workload: {name: %s, keys: 3, rate: 600/s, timeout: 1s}
                %s
                checker: {%s: {consistency-models: [%s]}}
                """.formatted(name, bugs, workload, nemesis, workload, models);
        RunOutcome outcome = new RunLauncher(ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of()), store).run();
        JsonNode results = Json.MAPPER.readTree(outcome.dir().results().toFile());
        JsonNode checker = results.path("checkers").path(workload);
        assertThat(checker.path("txns").asInt()).as("transactions checked").isGreaterThan(300);
        return results;
    }

    private static List<String> anomalies(JsonNode results) {
        return anomalies(results, "list-append");
    }

    private static List<String> anomalies(JsonNode results, String checker) {
        List<String> types = new ArrayList<>();
        results.path("checkers").path(checker).path("anomaly-types").forEach(t -> types.add(t.asText()));
        return types;
    }

    @Test
    void correctStoreIsStrictSerializableForRegisterTransactions() throws Exception {
        JsonNode r = run("rw-register", "rw-correct", "", "strict-serializable", "nemesis: {faults: [partition, kill], interval: 400ms}");
        assertThat(anomalies(r, "rw-register")).as(r.toPrettyString()).isEmpty();
        assertThat(r.path("valid").asBoolean()).isTrue();
    }

    @Test
    void readUncommittedRegisterTransactionsShowDirtyReads() throws Exception {
        JsonNode r = run("rw-register", "rw-ru", "read-uncommitted", "read-committed", "");
        assertThat(anomalies(r, "rw-register")).as(r.toPrettyString()).containsAnyOf("G1b", "G1c", "G0");
        assertThat(r.path("valid").asBoolean(true)).isFalse();
    }

    @Test
    void correctStoreIsStrictSerializableUnderPartitionsAndKills() throws Exception {
        JsonNode r = run("la-correct", "", "strict-serializable", "nemesis: {faults: [partition, kill], interval: 400ms}");
        assertThat(anomalies(r)).as(r.toPrettyString()).isEmpty();
        assertThat(r.path("valid").asBoolean()).isTrue();
    }

    @Test
    void snapshotIsolationModeShowsWriteSkewButNoGSingle() throws Exception {
        JsonNode r = run("la-si", "snapshot-isolation", "serializable, snapshot-isolation", "");
        assertThat(anomalies(r)).as(r.toPrettyString()).contains("G2-item").doesNotContain("G-single", "G1c", "G0");
        assertThat(Verdict.fromJson(Json.MAPPER.convertValue(r.path("valid"), Object.class))).isEqualTo(Verdict.INVALID);
        assertThat(r.path("why").asText()).contains("G2-item").contains("serializable");
        assertThat(r.path("checkers").path("list-append").path("not").toString()).doesNotContain("snapshot-isolation");
    }

    @Test
    void readCommittedModeShowsReadSkew() throws Exception {
        JsonNode r = run("la-rc", "read-committed", "snapshot-isolation", "");
        assertThat(anomalies(r)).as(r.toPrettyString()).contains("G-single").doesNotContain("G1c", "G0");
        assertThat(r.path("valid").asBoolean(true)).isFalse();
    }

    @Test
    void readUncommittedModeShowsCircularInformationFlow() throws Exception {
        JsonNode r = run("la-ru", "read-uncommitted", "read-committed", "");
        assertThat(anomalies(r)).as(r.toPrettyString()).contains("G1c");
        assertThat(r.path("valid").asBoolean(true)).isFalse();
        assertThat(r.path("checkers").path("list-append").path("anomalies").path("G1c").get(0).path("steps").get(0).asText())
                .matches("T\\d+ .* so T\\d+ < T\\d+");
    }
}
