package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.cli.Faultline;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.faultline.provision.Outage;
import io.faultline.run.RunDirectory;
import io.faultline.run.UpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster left running whose service falls ill: wait-ready names it, and the watch records the outage. */
class ReadinessTest {
    private static final String CONFIG = """
            name: docker-test
            nodes: 1
            cluster: {provider: docker}
            workload: {name: register}
            services:
              - name: flaky
                image: faultline/node
                command: "touch /tmp/ok; sleep 2; rm /tmp/ok; echo lost my disk; sleep infinity"
                health: {command: "test -f /tmp/ok", interval: 100ms, retries: 50, timeout: 5s}
            """;

    @TempDir
    Path tmp;

    private DockerClient client;
    private final String runId = DockerTests.newRunId();

    @BeforeEach
    void setUp() {
        client = DockerTests.clientOrSkip();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        Leftovers.removeRun(client, runId);
        client.close();
    }

    @Test
    void waitReadyTimesOutNamingAServiceWhoseHealthCheckNeverPassesWithItsLastLogLines() throws Exception {
        TestConfig config = DockerTests.config(CONFIG);
        Path store = tmp.resolve("store");
        RunDirectory dir = RunDirectory.create(store, "docker-test", Instant.now());
        Files.writeString(dir.testConfig(), CONFIG);
        Path agentJar = Files.writeString(tmp.resolve("agent.jar"), "not a jar: the node runs sleep");
        DockerProvider provider = new DockerProvider(agentJar, node -> null, DockerProvider.AGENT_HAZELCAST_PORT,
                host -> List.of(host + ":5801")).withCommand(List.of("sleep", "infinity"));
        provider.prepareNetworks(runId);
        AgentContract.Clients clients = new AgentContract.Clients("etcd", 1000, Map.of());
        long started = System.nanoTime();
        DockerTests.await(provider.start(config, List.of(new AgentContract(runId, "n1", List.of("n1"), config.db(), clients,
                10_000, null, List.of())), dir::nodeDir));
        new UpState(runId, dir.path()).write(store);
        Thread.sleep(3_000);

        StringWriter out = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out));
        long t0 = System.nanoTime();
        int exit = cli.execute("wait-ready", "--store", store.toString(), "--timeout", "3s");
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(exit).as(out.toString()).isEqualTo(2);
        assertThat(waitedMs).as("gave up at its timeout").isBetween(3_000L, 30_000L);
        assertThat(out.toString())
                .startsWith("not ready after 3s:\n")
                .contains("service flaky: exit code 1; last 30 log lines of " + NodeContainers.name(runId, "flaky") + ":\nlost my disk\n")
                .contains("node n1: its agent has not registered");
        List<Outage> outages = provider.outages();
        assertThat(outages).hasSize(1);
        assertThat(outages.get(0).toNanos()).isEqualTo(Outage.ONGOING);
        assertThat(outages.get(0).describe(started)).matches("service flaky was unhealthy from [2-9]\\.\\d s to the end of the run \\(exit code 1\\)");

        DockerTests.await(provider.stop());
    }
}
