package io.faultline.agent.sim;

import io.faultline.agent.Db;
import io.faultline.agent.FaultApplier;
import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One node of the simulated store, as its agent sees it: the lifecycle of the node's replica ({@link Db}) and
 * the faults the replica can suffer ({@link FaultApplier}). Kill and pause are lifecycle calls; partitions and
 * clock offsets are faults. Packet loss has no meaning without packets, so it is refused.
 */
public final class SimNode implements Db, FaultApplier {

    private static final Set<String> KINDS = Set.of("partition", "clock");

    private final Vertx vertx;
    private final String runId;
    private final String node;
    private final List<String> nodes;
    private final Set<String> bugs;
    private final Path logDir;
    private SimJournal journal = SimJournal.none();

    /**
     * @param bugs   names of {@link SimBug}s the whole cluster has; every node of a run must pass the same
     * @param logDir where to keep the replica's log {@code sim-<node>.log}; null for none
     */
    public SimNode(Vertx vertx, String runId, String node, List<String> nodes, Set<String> bugs, Path logDir) {
        if (!nodes.contains(node)) throw new IllegalArgumentException("node " + node + " is not one of " + nodes);
        SimBug.parse(bugs);
        this.vertx = vertx;
        this.runId = runId;
        this.node = node;
        this.nodes = List.copyOf(nodes);
        this.bugs = Set.copyOf(bugs);
        this.logDir = logDir;
    }

    public SimNode(Vertx vertx, String runId, String node, List<String> nodes, Set<String> bugs) {
        this(vertx, runId, node, nodes, bugs, null);
    }

    @Override
    public Future<Void> setup() {
        return journal.close().compose(v -> SimJournal.open(vertx, logDir, node)).compose(opened -> {
            journal = opened;
            try {
                SimCluster.forRun(runId, nodes, bugs).join(node, vertx, opened);
                return Future.<Void>succeededFuture();
            } catch (RuntimeException e) {
                return Future.<Void>failedFuture(e);
            }
        });
    }

    @Override
    public Future<Void> teardown() {
        SimCluster.find(runId).ifPresent(c -> c.leave(node));
        return journal.close();
    }

    @Override
    public Future<Void> kill() {
        return act(cluster -> cluster.kill(node));
    }

    @Override
    public Future<Void> start() {
        return act(cluster -> cluster.start(node));
    }

    @Override
    public Future<Void> pause() {
        return act(cluster -> cluster.pause(node));
    }

    @Override
    public Future<Void> resume() {
        return act(cluster -> cluster.resume(node));
    }

    @Override
    public List<Path> logFiles() {
        return journal.files();
    }

    @Override
    public Set<String> supportedKinds() {
        return KINDS;
    }

    @Override
    public Future<Void> apply(Fault fault) {
        if (fault instanceof PartitionFamily.Partition partition) return act(cluster -> cluster.partition(node, partition.dropFrom()));
        if (fault instanceof ClockFamily.ClockOffset clock) return act(cluster -> cluster.clockOffset(node, clock.offsetMillis()));
        if (fault instanceof PacketFamily.PacketLoss) {
            return Future.failedFuture(new IllegalArgumentException("packet loss cannot be injected into the simulated store: "
                    + "its replicas exchange no packets (supported faults: partition, clock, and kill and pause through the db)"));
        }
        return Future.failedFuture(new IllegalArgumentException(fault.kind() + " is done through the db (kill/start, "
                + "pause/resume), not applied as a fault, on the simulated store"));
    }

    /** Healing a store that is gone succeeds: teardown heals blindly, possibly after the db is torn down. */
    @Override
    public Future<Void> heal(String kind) {
        if (SimCluster.find(runId).isEmpty()) return Future.succeededFuture();
        return switch (kind) {
            case "partition" -> act(cluster -> cluster.partition(node, Set.of()));
            case "clock" -> act(cluster -> cluster.clockOffset(node, 0));
            default -> Future.succeededFuture();
        };
    }

    /** Acts on the run's cluster, which {@link #setup()} creates: nothing else may bring a torn-down run back. */
    private Future<Void> act(Consumer<SimCluster> action) {
        try {
            SimCluster cluster = SimCluster.find(runId).orElseThrow(() ->
                    new IllegalStateException("the simulated store of run " + runId + " is not set up"));
            action.accept(cluster);
            return Future.succeededFuture();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
