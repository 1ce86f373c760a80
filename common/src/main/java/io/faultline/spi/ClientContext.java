package io.faultline.spi;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;

/**
 * What a client learns when it is opened: the agent's Vert.x, the run, the node it talks to, all nodes,
 * the node's data-network address (null where there is none: agents in the control's JVM), and the workload's
 * options from the config (e.g. {@code serializable-reads: true}).
 */
public record ClientContext(Vertx vertx, String runId, String node, List<String> nodes, String dataAddress,
                            Map<String, Object> options) {
}
