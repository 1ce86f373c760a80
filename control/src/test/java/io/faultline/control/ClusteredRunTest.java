package io.faultline.control;

import io.faultline.run.RunOutcome;

import io.faultline.checker.Verdict;
import io.faultline.cluster.ClusteredVertx;
import io.faultline.config.ConfigLoader;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol over a real clustered event bus: control and agents in two Vert.x instances joined by
 * Hazelcast (TCP-IP on 127.0.0.1, no multicast), so every message crosses the wire through the codec.
 */
class ClusteredRunTest {

    @TempDir
    Path store;

    @Test
    void controlAndAgentsInTwoClusteredInstancesReachAVerdict() throws Exception {
        int controlPort = freePort();
        int agentsPort = freePort();
        List<String> members = List.of("127.0.0.1:" + controlPort, "127.0.0.1:" + agentsPort);
        String cluster = "faultline-test-" + System.nanoTime();
        Vertx control = await(ClusteredVertx.start(new ClusteredVertx.Settings(cluster, "127.0.0.1", controlPort, members, 0)));
        Vertx agents = await(ClusteredVertx.start(new ClusteredVertx.Settings(cluster, "127.0.0.1", agentsPort, members, 0)));
        try {
            var loaded = ConfigLoader.parse("""
                    name: clustered
                    nodes: 3
                    concurrency: 2n
                    time-limit: 3s
                    seed: 1
                    workload: {name: cas-register, keys: 2, rate: 300/s}
                    nemesis: {faults: [partition, kill], interval: 400ms}
                    final: {recovery: 300ms}
                    """, "test.yaml", List.of(), Map.of());
            RunOutcome outcome = new RunLauncher(loaded, store).withAgentsOn(agents).run(control, false);
            assertThat(outcome.verdict()).as(outcome.summary()).isEqualTo(Verdict.VALID);
            assertThat(agents.deploymentIDs()).as("agents ran on the other instance and were undeployed").isEmpty();
            assertThat(java.nio.file.Files.readAllLines(outcome.dir().history())).hasSizeGreaterThan(300);
        } finally {
            await(agents.close());
            await(control.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
