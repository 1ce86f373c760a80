package io.faultline.fault;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrudgesTest {
    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    @Test
    void halvesCutAMinorityFromAMajority() {
        Map<String, Set<String>> grudge = Grudges.halves(FIVE);
        assertThat(grudge.get("n1")).containsExactlyInAnyOrder("n3", "n4", "n5");
        assertThat(grudge.get("n3")).containsExactlyInAnyOrder("n1", "n2");
        assertThat(grudge).hasSize(5);
    }

    @Test
    void oneIsolatesExactlyOneNode() {
        Map<String, Set<String>> grudge = Grudges.byName("one", FIVE, new SplittableRandom(3));
        long isolated = grudge.values().stream().filter(s -> s.size() == 4).count();
        assertThat(isolated).isEqualTo(1);
        assertThat(grudge.values().stream().filter(s -> s.size() == 1)).hasSize(4);
    }

    @Test
    void majoritiesRingLetsEveryNodeSeeAMajorityButNotTheSameOne() {
        Map<String, Set<String>> grudge = Grudges.majoritiesRing(FIVE);
        for (String node : FIVE) assertThat(5 - grudge.get(node).size()).isEqualTo(3);
        assertThat(Set.copyOf(grudge.values())).hasSize(5);
    }

    @Test
    void bridgeNodeSeesBothSides() {
        Map<String, Set<String>> grudge = Grudges.bridge(FIVE);
        assertThat(grudge).doesNotContainKey("n1");
        assertThat(grudge.get("n2")).containsExactlyInAnyOrder("n4", "n5");
        assertThat(grudge.get("n4")).containsExactlyInAnyOrder("n2", "n3");
    }

    @Test
    void randomShapesAreReproducibleFromTheSeed() {
        assertThat(Grudges.byName("random-halves", FIVE, new SplittableRandom(7)))
                .isEqualTo(Grudges.byName("random-halves", FIVE, new SplittableRandom(7)));
    }

    @Test
    void unknownShapeIsNamed() {
        assertThatThrownBy(() -> Grudges.byName("triangle", FIVE, new SplittableRandom(1)))
                .hasMessageContaining("triangle").hasMessageContaining("majorities-ring");
    }
}
