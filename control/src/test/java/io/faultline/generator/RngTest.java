package io.faultline.generator;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RngTest {

    @Test
    void aPositionAlwaysGivesTheSameValue() {
        Rng rng = Rng.seeded(42).next().next();

        assertThat(rng.bits()).isEqualTo(rng.bits()).isEqualTo(new Rng(42, 2).bits());
        assertThat(rng.next().bits()).isNotEqualTo(rng.bits());
    }

    @Test
    void nearbySeedsGiveUnrelatedStreams() {
        Set<Long> first = new HashSet<>();
        Set<Long> second = new HashSet<>();
        Rng a = Rng.seeded(42);
        Rng b = Rng.seeded(43);
        for (int i = 0; i < 1_000; i++, a = a.next(), b = b.next()) {
            first.add(a.bits());
            second.add(b.bits());
        }

        first.retainAll(second);
        assertThat(first).isEmpty();
    }

    @Test
    void forkStartsAStreamUnlikeTheParents() {
        Rng parent = Rng.seeded(1);
        Rng forked = parent.fork();

        assertThat(forked.bits()).isNotEqualTo(parent.bits()).isNotEqualTo(parent.next().bits());
        assertThat(forked).isEqualTo(parent.fork());
    }

    @Test
    void belowIsUniformWithinItsBound() {
        int[] counts = new int[10];
        Rng rng = Rng.seeded(7);
        for (int i = 0; i < 100_000; i++, rng = rng.next()) counts[rng.below(10)]++;

        for (int count : counts) assertThat(count).isBetween(9_500, 10_500);
    }

    @Test
    void longBoundsAndUnitStayInRange() {
        Rng rng = Rng.seeded(3);
        for (int i = 0; i < 10_000; i++, rng = rng.next()) {
            assertThat(rng.below(3_000_000_000L)).isBetween(0L, 2_999_999_999L);
            assertThat(rng.unit()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
        assertThatThrownBy(() -> Rng.seeded(1).below(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
