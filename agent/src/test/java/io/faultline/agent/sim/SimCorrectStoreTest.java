package io.faultline.agent.sim;

import io.faultline.history.OpType;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.PartitionFamily;
import io.faultline.spi.Completion;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.faultline.agent.sim.SimHarness.await;
import static io.faultline.agent.sim.SimHarness.group;
import static org.assertj.core.api.Assertions.assertThat;

class SimCorrectStoreTest {

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

    @BeforeEach
    void startCluster() {
        sim = SimHarness.fiveNodes(vertx);
    }

    @AfterEach
    void stopCluster() {
        sim.close();
    }

    @Test
    void correctStoreIsLinearizableUnderPartitions() {
        assertThat(sim.write("n1", "k", 1)).isEqualTo(Completion.ok(1L));
        sim.partition(group("n1", "n2"), group("n3", "n4", "n5"));

        assertThat(sim.read("n1", "k")).isEqualTo(Completion.fail(null, "no-primary"));
        assertThat(sim.write("n2", "k", 9)).isEqualTo(Completion.fail(9L, "no-primary"));
        assertThat(sim.read("n3", "k")).isEqualTo(Completion.ok(1L));
        assertThat(sim.write("n4", "k", 2)).isEqualTo(Completion.ok(2L));
        assertThat(sim.read("n5", "k")).isEqualTo(Completion.ok(2L));

        sim.healPartitions();
        for (String node : sim.names) assertThat(sim.read(node, "k")).as("read via %s", node).isEqualTo(Completion.ok(2L));
    }

    @Test
    void nodesThatCannotHearEachOtherStillReadTheLatestWrite() {
        // n1 drops n2 only: both reach a majority, so each of them is a primary for its own clients.
        await(sim.node("n1").apply(new PartitionFamily.Partition(Set.of("n2"))));
        assertThat(sim.write("n1", "k", "from-n1")).isEqualTo(Completion.ok("from-n1"));
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("from-n1"));
        assertThat(sim.write("n2", "k", "from-n2")).isEqualTo(Completion.ok("from-n2"));
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok("from-n2"));
    }

    @Test
    void killLosesNothingCommitted() {
        sim.write("n1", "k", 1);
        await(sim.node("n3").kill());
        await(sim.node("n4").kill());
        assertThat(sim.write("n1", "k", 2)).isEqualTo(Completion.ok(2L));

        await(sim.node("n3").start());
        await(sim.node("n4").start());
        await(sim.node("n1").kill());
        await(sim.node("n2").kill());
        // Only n5 of the new majority saw write 2; the majority read finds it.
        assertThat(sim.read("n3", "k")).isEqualTo(Completion.ok(2L));

        for (String node : sim.names) await(sim.node(node).kill());
        for (String node : sim.names) await(sim.node(node).start());
        for (String node : sim.names) assertThat(sim.read(node, "k")).isEqualTo(Completion.ok(2L));
    }

    @Test
    void withoutAMajorityNothingHappens() {
        sim.write("n1", "k", 1);
        for (String node : List.of("n3", "n4", "n5")) await(sim.node(node).kill());

        assertThat(sim.write("n1", "k", 2)).isEqualTo(Completion.fail(2L, "no-primary"));
        assertThat(sim.call("n2", "cas", "k", List.of(1, 3))).isEqualTo(Completion.fail(List.of(1L, 3L), "no-primary"));

        await(sim.node("n3").start());
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok(1L));
    }

    @Test
    void aKilledNodeRefusesConnections() {
        await(sim.node("n2").kill());
        assertThat(sim.write("n2", "k", 1)).isEqualTo(Completion.fail(1L, "connection-refused"));
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.fail(null, "connection-refused"));
        assertThat(sim.write("n1", "k", 1)).isEqualTo(Completion.ok(1L));
        assertThat(sim.cluster().liveness("n2")).isEqualTo(Liveness.DOWN);
    }

    @Test
    void pauseStallsOperationsUntilResume() {
        sim.write("n1", "k", "old");
        await(sim.node("n1").pause());

        Future<Completion> stalled = sim.invoke("n1", "write", "k", "new");
        assertThat(stalled.isComplete()).isFalse();
        // The paused primary steps aside and the stalled write has not happened.
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("old"));

        await(sim.node("n1").resume());
        assertThat(stalled.result()).isEqualTo(Completion.ok("new"));
        assertThat(sim.read("n2", "k")).isEqualTo(Completion.ok("new"));
    }

    @Test
    void operationsStalledAtAPausedNodeRunInArrivalOrderOnResume() {
        await(sim.node("n3").pause());
        Future<Completion> first = sim.invoke("n3", "write", "k", 1);
        Future<Completion> second = sim.invoke("n3", "cas", "k", List.of(1, 2));

        await(sim.node("n3").resume());
        assertThat(first.result()).isEqualTo(Completion.ok(1L));
        assertThat(second.result()).isEqualTo(Completion.ok(List.of(1L, 2L)));
    }

    @Test
    void operationsStalledAtAPausedNodeAreDroppedWhenItIsKilled() {
        sim.write("n1", "k", "old");
        await(sim.node("n1").pause());
        Future<Completion> stalled = sim.invoke("n1", "write", "k", "never");

        await(sim.node("n1").kill());
        await(sim.node("n1").start());
        assertThat(stalled.isComplete()).isFalse();
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok("old"));
    }

    @Test
    void clockOffsetDoesNotAffectCorrectness() {
        await(sim.node("n1").apply(new ClockFamily.ClockOffset(3_600_000)));
        await(sim.node("n3").apply(new ClockFamily.ClockOffset(-3_600_000)));
        assertThat(Duration.between(Instant.now(), sim.cluster().leaseClock("n1"))).isGreaterThan(Duration.ofMinutes(59));

        sim.write("n1", "k", 1);
        sim.partition(group("n1"), group("n2", "n3", "n4", "n5"));
        assertThat(sim.call("n3", "cas", "k", List.of(1, 2))).isEqualTo(Completion.ok(List.of(1L, 2L)));
        sim.healPartitions();
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok(2L));

        await(sim.node("n1").heal("clock"));
        assertThat(Duration.between(Instant.now(), sim.cluster().leaseClock("n1")).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void casFailsAsACompareFailedWhenTheCompareFails() {
        assertThat(sim.call("n1", "cas", "k", Arrays.asList(null, 1))).isEqualTo(Completion.ok(Arrays.asList(null, 1L)));
        Completion failed = sim.call("n2", "cas", "k", List.of(5, 6));
        assertThat(failed.type()).isEqualTo(OpType.FAIL);
        assertThat(failed.error()).isEqualTo(io.faultline.history.Op.COMPARE_FAILED);
        assertThat(failed.value()).isEqualTo(List.of(5L, 6L));
        assertThat(sim.read("n3", "k")).isEqualTo(Completion.ok(1L));
    }

    @Test
    void aRegisterNeverWrittenReadsNilAndKeysAreIndependent() {
        assertThat(sim.read("n1", null)).isEqualTo(Completion.ok(null));
        sim.write("n1", null, "default");
        sim.write("n1", 7, "seven");
        assertThat(sim.read("n2", null)).isEqualTo(Completion.ok("default"));
        assertThat(sim.read("n2", 7L)).as("an Integer key and a Long key are the same key").isEqualTo(Completion.ok("seven"));
        assertThat(sim.read("n2", "other")).isEqualTo(Completion.ok(null));
    }
}
