package io.faultline.checker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckersTest {

    @Test
    void everyListedNameGivesACheckerOfThatName() {
        assertThat(Checkers.names()).containsExactly("set", "counter", "total-queue", "unique-ids", "stats");
        for (String name : Checkers.names()) {
            assertThat(Checkers.byName(name).name()).isEqualTo(name);
        }
    }

    @Test
    void unknownNameIsRejectedWithTheNamesAllowed() {
        assertThatThrownBy(() -> Checkers.byName("sets"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown checker 'sets'; expected one of: set, counter, total-queue, unique-ids, stats");
    }
}
