package io.faultline.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.json.Json;
import io.faultline.run.RunOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin end to end, as a team would use one: the example postgres plugin built from its Maven project by CI's
 * own step (docker/ci/build-plugins.sh), then docker/examples/postgres-async.yaml run with it on three Patroni
 * nodes, ZooKeeper beside them and the example's faults, shortened. Needs a Docker daemon and the node image
 * (docker/scripts/prepare-machine.sh); the Patroni image is built here when missing, before the run's clock starts.
 */
class PostgresPluginRunTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CONFIG = ROOT.resolve("docker/examples/postgres-async.yaml");

    @TempDir
    Path store;

    @BeforeAll
    static void buildThePluginAndTheImage() throws Exception {
        Docker.assumeAvailable();
        Path common = ROOT.resolve("common/target/faultline-common-0.1.0-SNAPSHOT.jar");
        assertThat(common).as("the plugin compiles against the SPI jar; build it first with mvn -DskipTests package").isRegularFile();
        // Offline: its dependencies (the JDBC driver, Maven's plugins) are those agent's ExamplePluginTest resolved.
        sh(Map.of("PLUGIN_PROJECTS", "docker/examples/plugins/postgres", "PLUGIN_MAVEN_ARGS", "-o"), 5, "docker/ci/build-plugins.sh");
        // On a fresh machine this is minutes of apt-get; here rather than on first use, where the run's phases are timed.
        sh(Map.of(), 20, "docker/scripts/build-patroni-image.sh");
    }

    @Test
    void theExamplePostgresPluginRunsAShortTestToAVerdict() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(CONFIG, List.of(new ConfigLoader.Override("time-limit", "15s"),
                new ConfigLoader.Override("nodes", "3"), new ConfigLoader.Override("nemesis.interval", "4s"),
                new ConfigLoader.Override("final.recovery", "10s")), Map.of());
        RunOutcome outcome = new RunLauncher(loaded, store).run();
        Path dir = outcome.dir().path();
        JsonNode results = Json.MAPPER.readTree(outcome.dir().results().toFile());
        String shown = results.toPrettyString() + "\n(control log: " + outcome.dir().controlLog() + ")";

        assertThat(results.path("checkers").path("linearizable").isObject()).as("the run reached the checker: %s", shown).isTrue();
        assertThat(results.path("checkers").path("linearizable").path("valid").asText()).as(shown).isIn("true", "false");
        assertThat(results.path("client").asText()).isEqualTo("postgres");
        assertThat(results.path("plugins").get(0).asText()).as(shown).endsWith("faultline-postgres-client.jar");
        long ok = 0;
        for (JsonNode types : results.path("ops").path("by-f")) ok += types.path("ok").asLong();
        assertThat(ok).as("client operations that succeeded through the plugin: %s", shown).isGreaterThan(20);

        History history = History.read(outcome.dir().history(), HistoryFormat.JSONL);
        List<Op> faults = history.ops().stream().filter(op -> op.isNemesis() && op.type() == OpType.OK).toList();
        assertThat(faults).as("nemesis actions that took effect: %s", shown).isNotEmpty();
        for (String node : List.of("n1", "n2", "n3")) {
            assertThat(dir.resolve("nodes").resolve(node).resolve("patroni.log")).as("%s's Patroni log", node).isNotEmptyFile();
        }
        assertThat(loaded.notes()).as("what the run logs at its start")
                .containsExactly("plugin plugins/postgres/target/faultline-postgres-client.jar: listed in the config");
        System.out.println("postgres-async, shortened: " + outcome.verdict().word() + " (" + results.path("why").asText() + "), "
                + ok + " ok ops, " + faults.size() + " nemesis actions, phases " + results.path("phase-ms"));
    }

    private static void sh(Map<String, String> env, int minutes, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("postgres-plugin-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!done) process.destroyForcibly();
        assertThat(done && process.exitValue() == 0).as("%s %s %s within %d min; its output:%n%s", env, String.join(" ", command),
                done ? "exited " + process.exitValue() : "did not finish", minutes, Files.readString(log, StandardCharsets.UTF_8)).isTrue();
    }
}
