package io.faultline.fault;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fault as one agent applies it on its own node. Each fault family plans faults cluster-wide (which nodes,
 * which grudge) and the control sends each agent its part; the agent records it in its lease ledger and heals
 * it by kind. On the wire a fault carries its class, so a family's fault needs no list of subtypes anywhere.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
public interface Fault {

    /** The kind, as an agent offers it and as {@code heal} takes it, e.g. {@code partition}. */
    String kind();
}
