package io.faultline.agent.sim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The ways the simulated store can be told to be wrong, each modelled on how real systems lose data. */
public enum SimBug {
    /** A replica answers reads from its own copy, so a partitioned or lagging replica returns old values. */
    STALE_READS("stale-reads"),
    /** The primary acknowledges an update once it is in its own memory and replicates it later, if it lives. */
    ACK_BEFORE_REPLICATE("ack-before-replicate"),
    /** Every connected component elects its own primary; after healing, the newest version wins and others are lost. */
    SPLIT_BRAIN("split-brain"),
    /** Transactions read each key at the time of the read and apply their appends at commit: read skew (G-single). */
    READ_COMMITTED("read-committed"),
    /** Transactions read a snapshot taken at their start, and commit unless a key they append to changed: write skew (G2-item). */
    SNAPSHOT_ISOLATION("snapshot-isolation"),
    /** A transaction's micro-ops take effect one by one, visible at once: circular information flow (G1c). */
    READ_UNCOMMITTED("read-uncommitted");

    private final String wireName;

    SimBug(String wireName) {
        this.wireName = wireName;
    }

    /** Whether the bug changes only transactions (f txn), so only the list-append and rw-register workloads exercise it. */
    public boolean isolation() {
        return this == READ_COMMITTED || this == SNAPSHOT_ISOLATION || this == READ_UNCOMMITTED;
    }

    /** The name configs use. */
    public String wireName() {
        return wireName;
    }

    public static Set<SimBug> parse(Set<String> names) {
        Set<SimBug> bugs = EnumSet.noneOf(SimBug.class);
        for (String name : names) {
            bugs.add(Arrays.stream(values()).filter(b -> b.wireName.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown bug '" + name + "' for the simulated store; known: "
                            + Arrays.stream(values()).map(SimBug::wireName).collect(Collectors.joining(", ")))));
        }
        return Set.copyOf(bugs);
    }
}
