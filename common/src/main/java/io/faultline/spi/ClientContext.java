package io.faultline.spi;

import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;

/**
 * What a client learns when it is opened: the agent's Vert.x, the run, the node it talks to, all nodes,
 * the node's data-network address (null where there is none: agents in the control's JVM), and the workload's
 * options from the config (e.g. {@code serializable-reads: true}).
 *
 * @param dataAddresses every node's data-network address, where partitions act (a node's name may resolve to another
 *                      network's address); empty where there is no data network
 */
public record ClientContext(Vertx vertx, String runId, String node, List<String> nodes, String dataAddress,
                            Map<String, Object> options, Map<String, String> dataAddresses) {

    public ClientContext {
        dataAddresses = dataAddresses == null ? Map.of() : Map.copyOf(dataAddresses);
    }

    public ClientContext(Vertx vertx, String runId, String node, List<String> nodes, String dataAddress,
                         Map<String, Object> options) {
        this(vertx, runId, node, nodes, dataAddress, options, Map.of());
    }
}
