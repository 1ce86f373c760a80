package io.faultline.agent;

import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.ProcessFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashSet;
import java.util.Set;

/**
 * All faults this node can inject: kill and pause act on the system under test through its {@link Db};
 * the rest (partition, clock, packet) go to the node's own applier (iptables and libfaketime in a
 * container, the simulation in the local provider). A clock strobe is a timer flipping that applier's
 * clock offset, so every applier that can set an offset can strobe.
 */
public final class NodeFaults implements FaultApplier {
    private final Vertx vertx;
    private final Db db;
    private final FaultApplier network;
    private long strobeTimer = -1;

    public NodeFaults(Vertx vertx, Db db, FaultApplier network) {
        this.vertx = vertx;
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
        if (fault instanceof ProcessFamily.Kill) return db.kill();
        if (fault instanceof ProcessFamily.Pause) return db.pause();
        if (fault instanceof ClockFamily.ClockStrobe strobe) return strobe(strobe);
        if (fault instanceof ClockFamily.ClockOffset) stopStrobe();
        return network.apply(fault);
    }

    @Override
    public Future<Void> heal(String kind) {
        if (kind.equals("clock")) stopStrobe();
        return switch (kind) {
            case "kill" -> db.start();
            case "pause" -> db.resume();
            default -> network.heal(kind);
        };
    }

    private Future<Void> strobe(ClockFamily.ClockStrobe strobe) {
        stopStrobe();
        boolean[] ahead = {true};
        return network.apply(new ClockFamily.ClockOffset(strobe.deltaMillis())).onSuccess(v ->
                strobeTimer = vertx.setPeriodic(Math.max(1, strobe.periodMillis()), id -> {
                    ahead[0] = !ahead[0];
                    network.apply(new ClockFamily.ClockOffset(ahead[0] ? strobe.deltaMillis() : 0));
                }));
    }

    private void stopStrobe() {
        if (strobeTimer >= 0) vertx.cancelTimer(strobeTimer);
        strobeTimer = -1;
    }
}
