package io.faultline.provision.docker;

import io.faultline.protocol.AgentContract;

import java.util.List;

/** Where each node's agent meets the run: the part of its {@link AgentContract} only this provider knows. */
final class NodeEndpoints {

    private NodeEndpoints() {
    }

    /**
     * @param controlMembers the control's Hazelcast member addresses ({@code host:port}), the only members an agent is told of
     * @param tls            whether the node has TLS files mounted
     */
    static AgentContract.Endpoints of(String runId, List<String> nodes, List<String> services, String node, RunNetworks networks,
                                      int hazelcastPort, List<String> controlMembers, boolean tls) {
        // Only the control: agents are lite members and join through it, the cluster's one data member. Naming
        // other nodes would have an agent wait on connections to containers that are not up yet.
        List<String> members = List.copyOf(controlMembers);
        return new AgentContract.Endpoints("faultline-" + runId, networks.controlAddress(nodes.indexOf(node)), hazelcastPort,
                members, networks.dataAddresses(nodes), tls ? NodeContainers.TLS_DIR : null, networks.serviceAddresses(services));
    }
}
