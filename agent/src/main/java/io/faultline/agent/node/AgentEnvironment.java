package io.faultline.agent.node;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node container tells its agent, through environment variables set by the Docker provider:
 *
 * <pre>
 * FAULTLINE_RUN_ID           the run id (event-bus addresses carry it)
 * FAULTLINE_CLUSTER_NAME     the Hazelcast cluster name of the run
 * FAULTLINE_NODE             this node's name, e.g. n2
 * FAULTLINE_NODES            every node, comma-separated: n1,n2,n3
 * FAULTLINE_HOST             this node's control-network address (bound and advertised)
 * FAULTLINE_HAZELCAST_PORT   this node's Hazelcast port (default 5701)
 * FAULTLINE_MEMBERS          every Hazelcast member as host:port, comma-separated, the control first
 * FAULTLINE_DATA_ADDRESSES   every node's data-network address: n1=10.214.5.11,n2=10.214.5.12
 * FAULTLINE_TLS_DIR          ca.pem, node.pem, node-key.pem for the event bus (absent: no TLS)
 * FAULTLINE_DB               the test's db section as JSON (name, version, archive, start, ready, logs)
 * </pre>
 */
public record AgentEnvironment(String runId, String clusterName, String node, List<String> nodes, String host,
                               int hazelcastPort, List<String> members, Map<String, String> dataAddresses,
                               Path tlsDir, String dbJson) {

    public static AgentEnvironment from(Map<String, String> env) {
        return new AgentEnvironment(
                required(env, "FAULTLINE_RUN_ID"),
                required(env, "FAULTLINE_CLUSTER_NAME"),
                required(env, "FAULTLINE_NODE"),
                list(required(env, "FAULTLINE_NODES")),
                required(env, "FAULTLINE_HOST"),
                Integer.parseInt(env.getOrDefault("FAULTLINE_HAZELCAST_PORT", "5701")),
                list(required(env, "FAULTLINE_MEMBERS")),
                parseAddresses(required(env, "FAULTLINE_DATA_ADDRESSES")),
                env.containsKey("FAULTLINE_TLS_DIR") ? Path.of(env.get("FAULTLINE_TLS_DIR")) : null,
                env.getOrDefault("FAULTLINE_DB", "{}"));
    }

    /** The variables for a node, as the provider sets them: the inverse of {@link #from}. */
    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FAULTLINE_RUN_ID", runId);
        env.put("FAULTLINE_CLUSTER_NAME", clusterName);
        env.put("FAULTLINE_NODE", node);
        env.put("FAULTLINE_NODES", String.join(",", nodes));
        env.put("FAULTLINE_HOST", host);
        env.put("FAULTLINE_HAZELCAST_PORT", Integer.toString(hazelcastPort));
        env.put("FAULTLINE_MEMBERS", String.join(",", members));
        StringBuilder data = new StringBuilder();
        dataAddresses.forEach((n, ip) -> data.append(data.length() == 0 ? "" : ",").append(n).append('=').append(ip));
        env.put("FAULTLINE_DATA_ADDRESSES", data.toString());
        if (tlsDir != null) env.put("FAULTLINE_TLS_DIR", tlsDir.toString());
        env.put("FAULTLINE_DB", dbJson);
        return env;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: the agent is started by the Docker provider, which sets it");
        }
        return value;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code n1=10.214.5.11,n2=10.214.5.12}: the form of FAULTLINE_DATA_ADDRESSES. */
    public static Map<String, String> parseAddresses(String csv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(csv)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("FAULTLINE_DATA_ADDRESSES: expected node=address, found '" + pair + "'");
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
