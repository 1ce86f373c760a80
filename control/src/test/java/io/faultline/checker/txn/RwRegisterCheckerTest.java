package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.history.HistoryFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.faultline.checker.txn.ListAppendCheckerTest.concurrent;
import static io.faultline.checker.txn.ListAppendCheckerTest.sequential;
import static io.faultline.checker.txn.ListAppendCheckerTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

/** rw-register histories with unique writes: the anomalies that what can be inferred shows. */
class RwRegisterCheckerTest {

    static CheckResult check(String edn, String... models) {
        return ListAppendCheckerTest.check(TxnChecker.RW_REGISTER, edn, HistoryFormat.EDN, models);
    }

    @Test
    void serialRegisterHistoryIsValid() {
        CheckResult r = check(sequential("[[:w :x 1]]", "[[:r :x 1] [:w :x 2]]", "[[:r :x 2]]"), "strict-serializable");
        assertThat(r.valid()).isEqualTo(Verdict.VALID);
    }

    @Test
    void readSkewOverRegistersIsGSingle() {
        // T2 sees T1's y but the initial x, which T1 overwrote.
        CheckResult r = check(concurrent("[[:w :x 1] [:w :y 1]]", "[[:r :x nil] [:r :y 1]]"), "snapshot-isolation");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G-single"));
        assertThat(steps(r, "G-single")).containsExactlyInAnyOrder(
                "T2 read \"y\" = 1, which T1 wrote, so T1 < T2",
                "T2 read \"x\" = nil, the initial state, and T1's write of 1 comes after it, so T2 < T1");
    }

    @Test
    void lostUpdateOverRegistersIsG2Item() {
        // Both read x = 0 (T1's) and both overwrite it: each read precedes the other's write.
        CheckResult r = check(sequential("[[:w :x 0]]") + concurrent2("[[:r :x 0] [:w :x 1]]", "[[:r :x 0] [:w :x 2]]"), "serializable");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).isEqualTo(List.of("G2-item"));
        assertThat(check(sequential("[[:w :x 0]]") + concurrent2("[[:r :x 0] [:w :x 1]]", "[[:r :x 0] [:w :x 2]]"), "read-committed").valid())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void readOfAnOverwrittenValueIsG1b() {
        CheckResult r = check(sequential("[[:w :x 1] [:w :x 2]]", "[[:r :x 1]]"), "read-committed");
        assertThat(r.valid()).isEqualTo(Verdict.INVALID);
        assertThat(r.details().get("anomaly-types")).asList().contains("G1b");
    }

    @Test
    void nonUniqueWritesCannotBeInferredFrom() {
        CheckResult r = check(sequential("[[:w :x 1]]", "[[:w :x 1]]"), "serializable");
        assertThat(r.valid()).isEqualTo(Verdict.UNKNOWN);
        assertThat((String) r.details().get("error")).startsWith("nothing can be inferred: T1 and T2 (line 4) both w 1 to key \"x\"");
    }

    /** Two transactions invoked together on processes 10 and 11, after whatever came before. */
    private static String concurrent2(String a, String b) {
        return "{:process 10, :type :invoke, :f :txn, :value " + a + "}\n{:process 11, :type :invoke, :f :txn, :value " + b + "}\n"
                + "{:process 10, :type :ok, :f :txn, :value " + a + "}\n{:process 11, :type :ok, :f :txn, :value " + b + "}\n";
    }
}
