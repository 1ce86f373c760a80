package io.faultline.provision.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.agent.node.AgentEnvironment;
import io.faultline.config.DbConfig;
import io.faultline.config.Durations;
import io.faultline.config.ReadyConfig;
import io.faultline.config.TestConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each node's agent is told through its environment ({@link AgentEnvironment} is the contract). */
final class NodeEnvironments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeEnvironments() {
    }

    /**
     * @param controlMembers the control's Hazelcast member addresses ({@code host:port}); they come first, so an
     *                       agent joins through the control rather than through a node that may not be up yet
     * @param tls            whether the node has TLS files mounted
     */
    static AgentEnvironment of(String runId, TestConfig config, String node, RunNetworks networks, int hazelcastPort,
                               List<String> controlMembers, boolean tls) {
        List<String> members = new ArrayList<>(controlMembers);
        networks.controlAddresses(config.nodes()).values().forEach(address -> members.add(address + ":" + hazelcastPort));
        return new AgentEnvironment(runId, "faultline-" + runId, node, config.nodes(),
                networks.controlAddress(config.nodes().indexOf(node)), hazelcastPort, members,
                networks.dataAddresses(config.nodes()), tls ? Path.of(NodeContainers.TLS_DIR) : null, dbJson(config.db()));
    }

    /**
     * The db section without the archive: its credentials would be readable by anyone who may run
     * {@code docker inspect}. Durations keep the config's own form ({@code 30s}).
     */
    static String dbJson(DbConfig db) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", db.name());
        if (db.version() != null) json.put("version", db.version());
        if (db.start() != null) json.put("start", db.start());
        ReadyConfig ready = db.ready();
        if (ready != null) {
            Map<String, Object> readyJson = new LinkedHashMap<>();
            if (ready.tcp() != null) readyJson.put("tcp", ready.tcp());
            if (ready.http() != null) readyJson.put("http", ready.http());
            readyJson.put("timeout", Durations.format(ready.timeout()));
            json.put("ready", readyJson);
        }
        json.put("logs", db.logs());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings, numbers and lists always serialise", e);
        }
    }
}
