package io.faultline.checker;

import io.faultline.history.History;

/**
 * Judges a history. Implementations ignore what they do not understand (nemesis ops, other fs) and must
 * never answer {@code invalid} unless the history proves it; when they cannot decide they answer unknown.
 */
public interface Checker {

    /** The name under which results are reported, e.g. {@code linearizable}, {@code set}. */
    String name();

    CheckResult check(History history);
}
