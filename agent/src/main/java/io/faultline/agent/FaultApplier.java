package io.faultline.agent;

import io.faultline.fault.Fault;
import io.vertx.core.Future;

import java.util.Set;

/**
 * Applies faults on this node. Applying a fault of a kind already active replaces it; healing a kind that
 * is not active succeeds and does nothing, so teardown can heal everything blindly.
 */
public interface FaultApplier {

    /** The fault kinds this node can inject, e.g. {@code partition}, {@code clock}. */
    Set<String> supportedKinds();

    Future<Void> apply(Fault fault);

    Future<Void> heal(String kind);
}
