package io.faultline.config;

import java.util.List;
import java.util.Objects;

/**
 * The system under test on each node.
 *
 * @param name    {@code sim} (the in-memory store) or the name of a real database
 * @param version what {@code ${version}} stands for elsewhere in the config; may be null
 * @param archive where to fetch the database from; null when the node image already has it
 * @param start   the command line, with {@code ${node}} and {@code ${peers}} still to fill in per node; may be null
 * @param ready   how to tell the database is up; may be null
 * @param logs    files to collect from each node after the run
 * @param bugs    faults the simulated store builds in, to prove the checkers catch them
 * @param replication how a replicated database acknowledges writes; null for its default (asynchronous)
 */
public record DbConfig(String name, String version, ArchiveConfig archive, String start, ReadyConfig ready,
                       List<String> logs, List<String> bugs, Replication replication) {

    public static final String SIM = "sim";
    public static final String PATRONI = "patroni";
    /** The dbs whose agents can say which node leads, so a fault can be aimed at the primary. */
    public static final List<String> WITH_PRIMARY = List.of(PATRONI);

    public DbConfig(String name, String version, ArchiveConfig archive, String start, ReadyConfig ready,
                    List<String> logs, List<String> bugs) {
        this(name, version, archive, start, ready, logs, bugs, null);
    }

    /**
     * YAML {@code db.replication}: Patroni's {@code synchronous_mode} and {@code synchronous_mode_strict}.
     *
     * @param synchronous a commit is acknowledged once a synchronous standby has it
     * @param strict      with no standby left, commits wait instead of going asynchronous
     */
    public record Replication(boolean synchronous, boolean strict) {
    }

    public DbConfig {
        Objects.requireNonNull(name, "name");
        logs = List.copyOf(logs);
        bugs = List.copyOf(bugs);
    }

    /** This db section without the archive's credentials: what a node's environment may hold. */
    public DbConfig withoutCredentials() {
        return archive == null ? this : new DbConfig(name, version, archive.withoutCredentials(), start, ready, logs, bugs,
                replication);
    }
}
