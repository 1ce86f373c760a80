package io.faultline.agent.sim;

import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import io.faultline.fault.ProcessFamily;
import io.faultline.spi.ClientFactory;
import io.faultline.spi.ClientContext;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static io.faultline.agent.sim.SimHarness.FIVE;
import static io.faultline.agent.sim.SimHarness.await;
import static io.faultline.agent.sim.SimHarness.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimNodeTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @Test
    void packetLossIsRefusedWithAClearMessage() {
        try (SimHarness sim = SimHarness.fiveNodes(vertx)) {
            var result = sim.node("n1").apply(new PacketFamily.PacketLoss(0.2));
            assertThat(result.failed()).isTrue();
            assertThat(result.cause()).hasMessageContaining("packet loss cannot be injected into the simulated store");
            assertThat(sim.node("n1").supportedKinds()).containsExactlyInAnyOrder("partition", "clock");
        }
    }

    @Test
    void killAndPauseAreLifecycleCallsNotFaults() {
        try (SimHarness sim = SimHarness.fiveNodes(vertx)) {
            assertThat(sim.node("n1").apply(new ProcessFamily.Kill()).cause()).hasMessageContaining("kill is done through the db");
            assertThat(sim.node("n1").apply(new ProcessFamily.Pause()).cause()).hasMessageContaining("pause is done through the db");
        }
    }

    @Test
    void healingSucceedsForAnyKindAndAfterTeardown() {
        SimHarness sim = SimHarness.fiveNodes(vertx);
        assertThat(sim.node("n1").heal("packet").succeeded()).isTrue();
        sim.close();
        assertThat(sim.node("n1").heal("partition").succeeded()).isTrue();
        assertThat(SimCluster.find(sim.runId)).as("healing does not bring the torn-down store back").isEmpty();
    }

    @Test
    void theLastTeardownRemovesTheCluster() {
        SimHarness sim = SimHarness.fiveNodes(vertx);
        for (String node : List.of("n1", "n2", "n3", "n4")) await(sim.node(node).teardown());
        assertThat(SimCluster.find(sim.runId)).isPresent();
        await(sim.node("n5").teardown());
        assertThat(SimCluster.find(sim.runId)).isEmpty();
    }

    @Test
    void setupAfterTeardownStartsEmpty() {
        try (SimHarness sim = SimHarness.fiveNodes(vertx)) {
            sim.write("n1", "k", 1);
            for (String node : FIVE) await(sim.node(node).teardown());
            for (String node : FIVE) await(sim.node(node).setup());
            assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok(null));
        }
    }

    @Test
    void aPartitionNamingAnUnknownNodeFails() {
        try (SimHarness sim = SimHarness.fiveNodes(vertx)) {
            assertThat(sim.node("n1").apply(new PartitionFamily.Partition(Set.of("n9"))).cause()).hasMessageContaining("n9");
        }
    }

    @Test
    void everyNodeOfARunMustAgreeOnNodesAndBugs() {
        try (SimHarness sim = SimHarness.fiveNodes(vertx)) {
            assertThatThrownBy(() -> SimCluster.forRun(sim.runId, FIVE, Set.of("split-brain")))
                    .hasMessageContaining("already has a simulated cluster");
            assertThat(SimCluster.forRun(sim.runId, List.copyOf(FIVE), Set.of())).isSameAs(sim.cluster());
        }
    }

    @Test
    void anUnknownBugIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> new SimNode(vertx, "r", "n1", FIVE, Set.of("lost-updates")))
                .hasMessageContaining("unknown bug 'lost-updates'").hasMessageContaining("stale-reads, ack-before-replicate, split-brain");
    }

    @Test
    void theReplicaLogsRoleChangesAndFaultsOnItsLeaseClock(@TempDir Path dir) throws Exception {
        Path log;
        try (SimHarness sim = new SimHarness(vertx, FIVE, Set.of(), Map.of(), dir)) {
            await(sim.node("n1").apply(new ClockFamily.ClockOffset(86_400_000L * 365 * 100)));
            sim.write("n1", "k", 1);
            sim.partition(group("n1"), group("n2", "n3", "n4", "n5"));
            sim.read("n1", "k");
            log = sim.node("n1").logFiles().get(0);
        }
        assertThat(log).isEqualTo(dir.resolve("sim-n1.log"));
        String text = Files.readString(log);
        assertThat(text).contains("n1 up, empty", "lease clock offset", "clients now reach primary n1",
                "drops traffic from [n2, n3, n4, n5]", "clients find no primary", "torn down");
        assertThat(text.lines().filter(l -> l.contains("primary")).findFirst().orElseThrow()).startsWith("21");
    }

    @Test
    void bothFactoriesAreFoundByName() {
        List<String> names = ServiceLoader.load(ClientFactory.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).contains("sim", "noop");
    }

    @Test
    void noopClientsAcknowledgeEveryOperationWithItsValue() {
        var client = new NoopClientFactory().open(new ClientContext(vertx, "r", "n1", FIVE, null, Map.of()));
        assertThat(client.invoke(new Invocation(3, "anything", "k", List.of(1, 2))).result())
                .isEqualTo(Completion.ok(List.of(1, 2)));
    }
}
