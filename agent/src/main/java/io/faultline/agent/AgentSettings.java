package io.faultline.agent;

import java.util.List;

/**
 * Who this agent is: the run, its node, every node of the cluster.
 */
public record AgentSettings(String runId, String node, List<String> nodes) {
}
