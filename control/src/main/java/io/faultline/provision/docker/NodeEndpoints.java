package io.faultline.provision.docker;

import io.faultline.protocol.AgentContract;

import java.util.ArrayList;
import java.util.List;

/** Where each node's agent meets the run: the part of its {@link AgentContract} only this provider knows. */
final class NodeEndpoints {

    private NodeEndpoints() {
    }

    /**
     * @param controlMembers the control's Hazelcast member addresses ({@code host:port}); they come first, so an
     *                       agent joins through the control rather than through a node that may not be up yet
     * @param tls            whether the node has TLS files mounted
     */
    static AgentContract.Endpoints of(String runId, List<String> nodes, List<String> services, String node, RunNetworks networks,
                                      int hazelcastPort, List<String> controlMembers, boolean tls) {
        List<String> members = new ArrayList<>(controlMembers);
        networks.controlAddresses(nodes).values().forEach(address -> members.add(address + ":" + hazelcastPort));
        return new AgentContract.Endpoints("faultline-" + runId, networks.controlAddress(nodes.indexOf(node)), hazelcastPort,
                members, networks.dataAddresses(nodes), tls ? NodeContainers.TLS_DIR : null, networks.serviceAddresses(services));
    }
}
