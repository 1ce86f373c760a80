package io.faultline.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * Who this agent is: the run, its node, every node of the cluster, and where to journal events
 * ({@code journal} null keeps none).
 */
public record AgentSettings(String runId, String node, List<String> nodes, Path journal) {
}
