package io.faultline.agent.sim;

import io.faultline.spi.Completion;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.faultline.agent.sim.SimHarness.FIVE;
import static io.faultline.agent.sim.SimHarness.await;
import static io.faultline.agent.sim.SimHarness.group;
import static org.assertj.core.api.Assertions.assertThat;

class SimBugsTest {

    private static Vertx vertx;
    private SimHarness sim;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @AfterEach
    void stopCluster() {
        sim.close();
    }

    private SimHarness start(String bug, String dataType) {
        sim = new SimHarness(vertx, FIVE, Set.of(bug), Map.of("data-type", dataType), null);
        return sim;
    }

    @Test
    void staleReadsServeOldValuesFromAMinority() {
        start("stale-reads", "register");
        sim.write("n1", "k", "old");
        sim.partition(group("n1", "n2"), group("n3", "n4", "n5"));
        assertThat(sim.write("n3", "k", "new")).isEqualTo(Completion.ok("new"));

        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok("old"));
        assertThat(sim.read("n4", "k")).isEqualTo(Completion.ok("new"));
        assertThat(sim.write("n1", "k", "refused")).as("writes still need a majority").isEqualTo(Completion.fail("refused", "no-primary"));
    }

    @Test
    void ackBeforeReplicateLosesWritesWhenThePrimaryDies() {
        start("ack-before-replicate", "register");
        sim.write("n1", "k", "replicated");
        sim.read("n1", "k"); // the primary's next operation replicates what it held
        assertThat(sim.write("n1", "k", "acknowledged")).isEqualTo(Completion.ok("acknowledged"));

        await(sim.node("n1").kill());
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("replicated"));
        await(sim.node("n1").start());
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok("replicated"));
    }

    @Test
    void ackBeforeReplicateLosesWritesWhenANewPrimaryTakesOver() {
        start("ack-before-replicate", "set");
        sim.call("n1", "add", null, 1);
        sim.partition(group("n1"), group("n2", "n3", "n4", "n5"));
        assertThat(sim.call("n2", "add", null, 2)).isEqualTo(Completion.ok(2L));
        assertThat(sim.call("n2", "add", null, 3)).isEqualTo(Completion.ok(3L));

        sim.healPartitions();
        // n1 replicates its add once it is primary again, but the newer versions of the other side win.
        assertThat(sim.read("n1", null)).isEqualTo(Completion.ok(List.of(2L, 3L)));
    }

    @Test
    void ackBeforeReplicateReplicatesLaterWhenThePrimaryLives() {
        start("ack-before-replicate", "register");
        sim.write("n1", "k", "eventually");
        await(vertx.timer(500));

        await(sim.node("n1").kill());
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("eventually"));
    }

    @Test
    void splitBrainLetsBothSidesAcceptWrites() {
        start("split-brain", "register");
        sim.partition(group("n1", "n2"), group("n3", "n4", "n5"));
        assertThat(sim.write("n1", "k", "minority")).isEqualTo(Completion.ok("minority"));
        assertThat(sim.write("n3", "k", "majority")).isEqualTo(Completion.ok("majority"));

        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("minority"));
        assertThat(sim.read("n5", "k")).isEqualTo(Completion.ok("majority"));
    }

    @Test
    void splitBrainLosesAcknowledgedWritesAfterHealing() {
        start("split-brain", "set");
        sim.partition(group("n1", "n2"), group("n3", "n4", "n5"));
        assertThat(sim.call("n1", "add", null, 1)).isEqualTo(Completion.ok(1L));
        assertThat(sim.call("n3", "add", null, 2)).isEqualTo(Completion.ok(2L));
        assertThat(sim.call("n4", "add", null, 3)).isEqualTo(Completion.ok(3L));

        sim.healPartitions();
        for (String node : FIVE) assertThat(sim.read(node, null)).as("read via %s", node).isEqualTo(Completion.ok(List.of(2L, 3L)));
    }

    @Test
    void splitBrainHandsOutDuplicateIds() {
        start("split-brain", "unique-ids");
        sim.partition(group("n1", "n2"), group("n3", "n4", "n5"));
        assertThat(sim.call("n1", "generate", null, null)).isEqualTo(Completion.ok(1L));
        assertThat(sim.call("n3", "generate", null, null)).isEqualTo(Completion.ok(1L));
    }
}
