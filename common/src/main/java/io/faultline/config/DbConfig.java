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
 */
public record DbConfig(String name, String version, ArchiveConfig archive, String start, ReadyConfig ready,
                       List<String> logs, List<String> bugs) {

    public static final String SIM = "sim";

    public DbConfig {
        Objects.requireNonNull(name, "name");
        logs = List.copyOf(logs);
        bugs = List.copyOf(bugs);
    }

    /** This db section without the archive's credentials: what a node's environment may hold. */
    public DbConfig withoutCredentials() {
        return archive == null ? this : new DbConfig(name, version, archive.withoutCredentials(), start, ready, logs, bugs);
    }
}
