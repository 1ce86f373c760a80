package io.faultline.provision;

import io.faultline.config.TestConfig;
import io.faultline.run.RunDirectory;
import io.vertx.core.Future;

/**
 * Brings up a run's nodes with an agent on each; the agents then register with the control by themselves.
 * Where they run is only deployment (DESIGN.md decision 1): in this JVM, in containers, on remote hosts.
 */
public interface Provider {

    Future<Void> start(String runId, TestConfig config, RunDirectory dir);

    /** Removes everything {@link #start} made, also after a failed or partial start. */
    Future<Void> stop();
}
