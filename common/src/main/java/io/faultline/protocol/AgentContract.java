package io.faultline.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.faultline.config.DbConfig;
import io.faultline.json.Json;

import java.util.List;
import java.util.Map;

/**
 * Everything an agent is told when it starts: who it is and its peers, the database to run, the clients to
 * open, how long a fault lease lasts, and — for an agent on a node of its own — how to reach the run's
 * cluster. Every provider hands it over the same way, as JSON written with {@link Json#MAPPER}; a node
 * container finds it in the variable {@link #VARIABLE}.
 *
 * @param endpoints null for an agent in the control's JVM (provider {@code local})
 * @param plugins   the plugins (jars or folders of jars) whose clients the agent loads, as paths on the agent's machine
 */
public record AgentContract(String runId, String node, List<String> nodes, DbConfig db, Clients clients,
                            long leaseMillis, Endpoints endpoints, List<String> plugins) {
    public static final String VARIABLE = "FAULTLINE_AGENT";
    /** Where a node keeps downloaded {@code db.archive}s; providers keep it across runs so reruns skip the download. */
    public static final String ARCHIVE_CACHE_DIR = "/var/cache/faultline/archives";

    /**
     * The clients this node opens for the workload.
     *
     * @param name    the client implementation, e.g. {@code etcd}
     * @param options the workload section's client options, with the workload's own (e.g. {@code data-type})
     */
    public record Clients(String name, long timeoutMillis, Map<String, Object> options) {
    }

    /**
     * Where the agent of a node container meets the run: its Hazelcast member on the control network, the
     * members to join (the control first), every node's data-network address, and the event bus's TLS files.
     *
     * @param tlsDir           holds {@code ca.pem}, {@code node.pem}, {@code node-key.pem}; null for no TLS
     * @param serviceAddresses the data-network address of each service beside the nodes, whose traffic no fault drops
     */
    public record Endpoints(String clusterName, String host, int hazelcastPort, List<String> members,
                            Map<String, String> dataAddresses, String tlsDir, Map<String, String> serviceAddresses) {
        public Endpoints {
            serviceAddresses = serviceAddresses == null ? Map.of() : Map.copyOf(serviceAddresses);
        }
    }

    public AgentContract {
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    public AgentContract withEndpoints(Endpoints endpoints) {
        return new AgentContract(runId, node, nodes, db, clients, leaseMillis, endpoints, plugins);
    }

    /** The same contract with the plugins where this agent's machine has them (a node container mounts them elsewhere). */
    public AgentContract withPlugins(List<String> plugins) {
        return new AgentContract(runId, node, nodes, db, clients, leaseMillis, endpoints, plugins);
    }

    /** This node's data-network address, or null where there is no data network (in the control's JVM). */
    @JsonIgnore
    public String dataAddress() {
        return endpoints == null ? null : endpoints.dataAddresses().get(node);
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an agent contract is plain data and always serialises", e);
        }
    }

    /** @throws IllegalArgumentException naming {@link #VARIABLE} when the text is not a contract */
    public static AgentContract fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is not set: a provider starts the agent and sets it");
        }
        try {
            return Json.MAPPER.readValue(json, AgentContract.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(VARIABLE + " is not an agent contract: " + e.getOriginalMessage());
        }
    }
}
