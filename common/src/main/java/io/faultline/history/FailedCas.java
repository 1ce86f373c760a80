package io.faultline.history;

import java.util.Arrays;
import java.util.List;

/**
 * What a failed cas says about the register. Jepsen's {@code fail} means the op did not happen and observed
 * nothing; a client that knows the compare failed says so with the error {@link Op#COMPARE_FAILED}, and
 * then the failure is an observation: the register did not hold the expected value. Histories from
 * elsewhere may follow another convention (Porcupine's etcd logs fail a cas only when its compare failed,
 * with no error), which {@link #COMPARE_FAILED} reads.
 */
public enum FailedCas {
    /** Jepsen's: a failed cas observed nothing, unless its error is {@code compare-failed}. */
    DID_NOT_HAPPEN("did-not-happen"),
    /** Porcupine's: a failed cas without an error is a compare that failed, too. */
    COMPARE_FAILED("compare-failed");

    public static final List<String> NAMES = Arrays.stream(values()).map(FailedCas::wireName).toList();

    private final String wireName;

    FailedCas(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FailedCas fromName(String name) {
        for (FailedCas f : values()) if (f.wireName.equals(name)) return f;
        throw new IllegalArgumentException("unknown failed-cas reading '" + name + "'; expected one of: " + String.join(", ", NAMES));
    }

    /** True when the failed cas that ended with {@code completion} observed that the register did not hold the value it compared with. */
    public boolean observedCompare(Op completion) {
        if (completion.type() != OpType.FAIL) return false;
        String error = completion.error();
        return Op.COMPARE_FAILED.equals(error) || this == COMPARE_FAILED && error == null;
    }
}
