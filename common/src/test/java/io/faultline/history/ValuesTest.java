package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

    @Test
    void mixedValuesSortNullThenNumbersThenStringsThenTheRest() {
        List<Object> values = Arrays.asList("b", 10L, List.of(1L), 2L, null, "a", 2.5, "10");

        assertThat(Values.sorted(values)).containsExactly(null, 2L, 2.5, 10L, "10", "a", "b", List.of(1L));
    }

    @Test
    void integralNumbersOfAnyTypeBecomeLongs() {
        assertThat(Values.normalize(3)).isEqualTo(3L);
        assertThat(Values.normalize((short) 3)).isEqualTo(3L);
        assertThat(Values.normalize(BigInteger.valueOf(3))).isEqualTo(3L);
        assertThat(Values.normalize(BigInteger.TWO.pow(70))).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(Values.normalize("3")).isEqualTo("3");
    }

    @Test
    void onlyIntegersThatFitALongAreLongs() {
        assertThat(Values.asLong(4)).isEqualTo(4L);
        assertThat(Values.asLong(4.0)).isNull();
        assertThat(Values.asLong("4")).isNull();
        assertThat(Values.asLong(null)).isNull();
    }
}
