package io.faultline.agent;

/**
 * What a deployment gives an agent for its node: the system under test and the faults it can inject
 * there. The local provider passes the simulation; a node container passes etcd and iptables.
 */
public record NodeRuntime(Db db, FaultApplier faults) {
}
