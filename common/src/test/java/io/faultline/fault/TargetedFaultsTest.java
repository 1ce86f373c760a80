package io.faultline.fault;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Kills, pauses and partitions aimed at the primary, and partitions that cut the nodes they isolate from the services. */
class TargetedFaultsTest {
    private static final List<String> THREE = List.of("n1", "n2", "n3");

    @Test
    void aKillAimedAtThePrimaryHitsTheNodeNamedWhenItStarts() {
        FaultFamily.Action action = ProcessFamily.KILL.start(List.of(Targets.PRIMARY), THREE, new SplittableRandom(1));

        FaultFamily.AtPrimary aimed = (FaultFamily.AtPrimary) action.value();
        assertThat(aimed.shown()).isEqualTo("primary");
        FaultFamily.Start start = aimed.aim().apply("n2");
        assertThat(start.shown()).isEqualTo(List.of("n2"));
        assertThat(start.faults()).containsOnlyKeys("n2");
        assertThat(aimed.aim().apply(null).faults()).as("no node leads: nothing is killed").isEmpty();
    }

    @Test
    void targetsOneAndAllDrawThatManyNodes() {
        for (long seed = 0; seed < 50; seed++) {
            FaultFamily.Start one = (FaultFamily.Start) ProcessFamily.PAUSE.start(List.of(Targets.ONE), THREE, new SplittableRandom(seed)).value();
            assertThat(one.faults()).hasSize(1);
            FaultFamily.Start all = (FaultFamily.Start) ProcessFamily.PAUSE.start(List.of(Targets.ALL), THREE, new SplittableRandom(seed)).value();
            assertThat(all.faults()).containsOnlyKeys(THREE);
        }
    }

    @Test
    void theDefaultTargetDrawsAsBeforeTargetsExisted() {
        for (long seed = 0; seed < 50; seed++) {
            FaultFamily.Start start = (FaultFamily.Start) ProcessFamily.KILL.start(Targets.DEFAULT, THREE, new SplittableRandom(seed)).value();
            assertThat(start.shown()).isEqualTo(FaultFamily.someNodes(new SplittableRandom(seed), THREE));
        }
    }

    @Test
    void aPrimaryPartitionIsolatesTheLeaderAndWithTheOptionFromTheServicesToo() {
        PartitionFamily partition = new PartitionFamily();
        FaultFamily.Action action = partition.start(new PartitionFamily.Settings(List.of(Grudges.PRIMARY), true), THREE,
                new SplittableRandom(1));

        FaultFamily.Start start = ((FaultFamily.AtPrimary) action.value()).aim().apply("n3");
        assertThat(start.faults().get("n3")).containsExactly(new PartitionFamily.Partition(Set.of("n1", "n2"), true));
        assertThat(start.faults().get("n1")).containsExactly(new PartitionFamily.Partition(Set.of("n3"), false));
        assertThat(start.shown()).isEqualTo(Map.of("grudge", "primary", "drop", Map.of("n1", List.of("n3"), "n2", List.of("n3"),
                "n3", List.of("n1", "n2")), "isolated-from-services", List.of("n3")));
    }

    @Test
    void aPrimaryPartitionWithNoLeaderCutsNoOne() {
        PartitionFamily partition = new PartitionFamily();
        FaultFamily.Action action = partition.start(new PartitionFamily.Settings(List.of(Grudges.PRIMARY), true), THREE,
                new SplittableRandom(1));

        FaultFamily.Start start = ((FaultFamily.AtPrimary) action.value()).aim().apply(null);
        assertThat(start.faults()).isEmpty();
        assertThat(start.shown()).isEqualTo(Map.of("grudge", "primary", "drop", Map.of(), "isolated-from-services", List.of()));
    }

    @Test
    void withoutTheOptionNoPartitionEverCutsAServiceOff() {
        PartitionFamily partition = new PartitionFamily();
        PartitionFamily.Settings settings = new PartitionFamily.Settings(Grudges.drawn(), false);
        for (long seed = 0; seed < 200; seed++) {
            FaultFamily.Start start = (FaultFamily.Start) partition.start(settings, THREE, new SplittableRandom(seed)).value();
            start.faults().values().forEach(faults -> faults.forEach(f -> assertThat(((PartitionFamily.Partition) f).fromServices()).isFalse()));
        }
    }

    @Test
    void onlyNodesLeftWithoutAMajorityLoseTheServices() {
        List<String> five = List.of("n1", "n2", "n3", "n4", "n5");
        assertThat(Grudges.withoutMajority(Grudges.halves(five), five)).containsExactly("n1", "n2");
        assertThat(Grudges.withoutMajority(Grudges.majoritiesRing(five), five)).isEmpty();
        assertThat(Grudges.withoutMajority(Grudges.isolate(Set.of("n4"), five), five)).containsExactly("n4");
    }
}
