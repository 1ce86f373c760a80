package io.faultline.agent;

import io.faultline.config.ArchiveConfig;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.List;

/**
 * The system under test on one node: its lifecycle. Kill, start, pause and resume are what the kill and
 * pause faults do; they act on the system's processes only, never on the agent.
 */
public interface Db {

    /** Installs and starts the system, and completes when this node is ready to serve. */
    Future<Void> setup();

    /**
     * Setup with the credentials of {@code db.archive}, which reach the agent only in the setup command; a system that
     * installs nothing ignores them.
     */
    default Future<Void> setup(ArchiveConfig.Credentials credentials) {
        return setup();
    }

    /** Stops the system and removes its data. */
    Future<Void> teardown();

    Future<Void> kill();

    /** Starts the system again after a kill; does nothing when it is running (healing is blind). */
    Future<Void> start();

    Future<Void> pause();

    /** Continues the system after a pause; does nothing when it is not paused. */
    Future<Void> resume();

    /**
     * The node that leads now as this node sees it, or null when none does (an election under way): what a fault
     * aimed at the primary hits. Only a db with a single primary answers; the config refuses that target for others.
     */
    default Future<String> primary() {
        return Future.failedFuture("this db has no primary to aim a fault at");
    }

    /** Files to collect into {@code nodes/<node>/} of the run directory. */
    List<Path> logFiles();
}
