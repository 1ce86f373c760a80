package io.faultline.checker;

import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeCheckerTest {
    private static final History ONE_WRITE = History.of(Op.invoke(0, "write", 1L), Op.ok(0, "write", 1L));

    @Test
    void aCheckerThatThrowsIsUnknownWithItsErrorAndTheOthersStillReport() {
        CheckResult result = new CompositeChecker(List.of(new Throwing(), new StatsChecker())).check(ONE_WRITE);

        assertThat(result.valid()).isEqualTo(Verdict.UNKNOWN);
        CheckResult broken = (CheckResult) result.details().get("broken");
        assertThat(broken.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat(broken.details().get("error")).isEqualTo("the broken checker failed: search failed: "
                + "ClassCastException: class java.lang.Long cannot be cast to class Text");
        assertThat(((CheckResult) result.details().get("stats")).valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anInvalidCheckerStillMakesTheWholeInvalidBesideOneThatThrows() {
        Checker invalid = new Checker() {
            @Override
            public String name() {
                return "strict";
            }

            @Override
            public CheckResult check(History history) {
                return CheckResult.of(Verdict.INVALID);
            }
        };

        CheckResult result = new CompositeChecker(List.of(new Throwing(), invalid)).check(ONE_WRITE);

        assertThat(result.valid()).isEqualTo(Verdict.INVALID);
        assertThat(result.details()).containsOnlyKeys("broken", "strict");
    }

    /** Fails as a model bug does: an unchecked exception wrapped by the search that ran it. */
    private static final class Throwing implements Checker {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public CheckResult check(History history) {
            throw new IllegalStateException("search failed",
                    new ClassCastException("class java.lang.Long cannot be cast to class Text"));
        }
    }
}
