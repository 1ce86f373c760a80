package io.faultline.agent;

import io.faultline.fault.Fault;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fault active on this node, each with a lease (DESIGN.md decision 5). The control's heartbeats
 * renew the leases; when they stop — the control crashed or lost this node — each fault is healed as its
 * lease runs out, so no node stays partitioned, paused or killed after its control is gone.
 */
final class FaultLedger {
    private static final Logger LOG = LoggerFactory.getLogger(FaultLedger.class);

    private final String node;
    private final FaultApplier applier;
    private final long leaseMillis;
    private final Map<String, Long> expiresAtNanos = new HashMap<>();

    FaultLedger(String node, FaultApplier applier, long leaseMillis) {
        this.node = node;
        this.applier = applier;
        this.leaseMillis = leaseMillis;
    }

    Future<Void> apply(Fault fault) {
        if (!applier.supportedKinds().contains(fault.kind())) {
            return Future.failedFuture(node + " cannot inject '" + fault.kind() + "' faults; it supports " + applier.supportedKinds());
        }
        return applier.apply(fault).onSuccess(v -> expiresAtNanos.put(fault.kind(), System.nanoTime() + leaseMillis * 1_000_000L));
    }

    Future<Void> heal(String kind) {
        return applier.heal(kind).onSuccess(v -> expiresAtNanos.remove(kind));
    }

    Future<Void> healAll() {
        List<Future<Void>> healing = new ArrayList<>();
        for (String kind : List.copyOf(expiresAtNanos.keySet())) healing.add(heal(kind));
        return Future.all(healing).mapEmpty();
    }

    void renew() {
        long until = System.nanoTime() + leaseMillis * 1_000_000L;
        expiresAtNanos.replaceAll((kind, old) -> Math.max(old, until));
    }

    /** Heals every fault whose lease has run out. */
    void expireLeases() {
        long now = System.nanoTime();
        for (Map.Entry<String, Long> lease : List.copyOf(expiresAtNanos.entrySet())) {
            if (now - lease.getValue() > 0) {
                String kind = lease.getKey();
                expiresAtNanos.remove(kind);
                LOG.warn("{}: lease of the {} fault ran out without a heartbeat from the control; healing it", node, kind);
                applier.heal(kind).onFailure(e -> LOG.error("{}: healing {} after its lease failed: {}", node, kind, e.getMessage()));
            }
        }
    }
}
