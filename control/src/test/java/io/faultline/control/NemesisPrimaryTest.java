package io.faultline.control;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NemesisPrimaryTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void thePrimaryIsTheNodeMostDbsName() {
        assertThat(Nemesis.mostNamed(List.of("n2", "n3", "n2"), NODES)).isEqualTo("n2");
        assertThat(Nemesis.mostNamed(List.of("n3", "n2"), NODES)).as("a tie goes to the first node").isEqualTo("n2");
    }

    @Test
    void aDbThatSeesNoLeaderDoesNotOutvoteOneThatDoes() {
        assertThat(Nemesis.mostNamed(Arrays.asList(null, null, "n1"), NODES)).isEqualTo("n1");
        assertThat(Nemesis.mostNamed(Arrays.asList(null, null), NODES)).isNull();
    }
}
