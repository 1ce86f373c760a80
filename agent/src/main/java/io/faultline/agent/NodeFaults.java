package io.faultline.agent;

import io.faultline.protocol.Fault;
import io.vertx.core.Future;

import java.util.HashSet;
import java.util.Set;

/**
 * All faults this node can inject: kill and pause act on the system under test through its {@link Db};
 * the rest (partition, clock, packet) go to the node's own applier (iptables and libfaketime in a
 * container, the simulation in the local provider).
 */
public final class NodeFaults implements FaultApplier {
    private final Db db;
    private final FaultApplier network;

    public NodeFaults(Db db, FaultApplier network) {
        this.db = db;
        this.network = network;
    }

    @Override
    public Set<String> supportedKinds() {
        Set<String> kinds = new HashSet<>(network.supportedKinds());
        kinds.add("kill");
        kinds.add("pause");
        return kinds;
    }

    @Override
    public Future<Void> apply(Fault fault) {
        if (fault instanceof Fault.Kill) return db.kill();
        if (fault instanceof Fault.Pause) return db.pause();
        return network.apply(fault);
    }

    @Override
    public Future<Void> heal(String kind) {
        return switch (kind) {
            case "kill" -> db.start();
            case "pause" -> db.resume();
            default -> network.heal(kind);
        };
    }
}
