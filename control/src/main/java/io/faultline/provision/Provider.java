package io.faultline.provision;

import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.vertx.core.Future;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Brings up a run's nodes with an agent on each; the agents then register with the control by themselves.
 * Where they run is only deployment (DESIGN.md decision 1): in this JVM, in containers, on remote hosts.
 */
public interface Provider {

    /**
     * @param agents   each node's contract, handed to its agent as JSON; a provider that gives the node a network
     *                 of its own adds the endpoints
     * @param nodeDirs where each node's files (its logs) go in the run directory
     */
    Future<Void> start(TestConfig config, List<AgentContract> agents, NodeDirs nodeDirs);

    /** Removes everything {@link #start} made, also after a failed or partial start. */
    Future<Void> stop();

    /**
     * When a service beside the nodes was unhealthy since {@link #start}; none for a provider without services. Safe to
     * call from any thread.
     */
    default List<Outage> outages() {
        return List.of();
    }

    /** A node's directory in the run directory, made on first use. */
    interface NodeDirs {
        Path of(String node) throws IOException;
    }
}
