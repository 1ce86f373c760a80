package io.faultline.agent.sim;

import io.faultline.spi.Completion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The replicas of one run of the simulated store, one per node, found by run id: the agents of a {@code local}
 * run share a JVM, so they share the cluster through a static registry. It holds each replica's data,
 * liveness, grudge and clock offset. One lock guards it all, so every operation and every fault is atomic in
 * the simulation; each takes microseconds, so holding the lock never stalls an event loop.
 */
public final class SimCluster {

    private static final ConcurrentMap<String, SimCluster> RUNS = new ConcurrentHashMap<>();
    private static final int FLUSH_DELAY_MIN_MILLIS = 100;
    private static final int FLUSH_DELAY_MAX_MILLIS = 300;

    private final String runId;
    private final Set<String> nodes;
    private final Set<SimBug> bugs;
    private final Object lock = new Object();
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final Replication replication;

    private SimCluster(String runId, List<String> nodes, Set<SimBug> bugs) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("a simulated cluster needs at least one node");
        this.runId = runId;
        this.nodes = Set.copyOf(nodes);
        this.bugs = bugs;
        List<Replica> byName = new ArrayList<>();
        nodes.stream().distinct().sorted(Comparator.naturalOrder()).forEach(n -> {
            Replica r = new Replica(n);
            replicas.put(n, r);
            byName.add(r);
        });
        this.replication = new Replication(List.copyOf(byName), bugs, this::scheduleFlush);
    }

    /** The run's cluster, created on first use; every caller must agree on the nodes and the bugs. */
    public static SimCluster forRun(String runId, List<String> nodes, Set<String> bugs) {
        Set<SimBug> parsed = SimBug.parse(bugs);
        SimCluster cluster = RUNS.computeIfAbsent(runId, id -> new SimCluster(id, nodes, parsed));
        if (!cluster.nodes.equals(Set.copyOf(nodes)) || !cluster.bugs.equals(parsed)) {
            throw new IllegalStateException("run " + runId + " already has a simulated cluster of " + cluster.nodes
                    + " with bugs " + cluster.bugs + "; asked for " + nodes + " with bugs " + bugs);
        }
        return cluster;
    }

    public static Optional<SimCluster> find(String runId) {
        return Optional.ofNullable(RUNS.get(runId));
    }

    /** Forgets the run's cluster; replicas still holding operations keep them, unanswered. */
    public static void remove(String runId) {
        RUNS.remove(runId);
    }

    public String runId() {
        return runId;
    }

    public Set<SimBug> bugs() {
        return bugs;
    }

    public Liveness liveness(String node) {
        synchronized (lock) {
            return replica(node).liveness;
        }
    }

    /** The node's lease clock now: real time moved by its clock fault. */
    public Instant leaseClock(String node) {
        synchronized (lock) {
            return replica(node).leaseClock();
        }
    }

    /**
     * Performs an operation through {@code node}'s replica. A down replica refuses it; a paused one holds it,
     * unanswered, until it resumes (then runs it) or is killed (then drops it).
     */
    Future<Completion> submit(String node, SimOp op) {
        Promise<Completion> promise = Promise.promise();
        Completion completion;
        synchronized (lock) {
            Replica x = replica(node);
            switch (x.liveness) {
                case DOWN -> completion = Completion.fail(op.value(), "connection-refused");
                case PAUSED -> {
                    x.stalled.add(new Replica.Stalled(op, promise));
                    return promise.future();
                }
                default -> completion = replication.execute(x, op);
            }
        }
        // Completed outside the lock: a callback may submit the next operation right away.
        promise.complete(completion);
        return promise.future();
    }

    /**
     * Runs {@code body} as one atomic step of the simulation at {@code node}'s replica, handing it a way to perform
     * single-key operations there; null (nothing done) when the replica is not up.
     */
    <T> T atomically(String node, java.util.function.Function<java.util.function.Function<SimOp, Completion>, T> body) {
        synchronized (lock) {
            Replica x = replica(node);
            if (x.liveness != Liveness.UP) return null;
            return body.apply(op -> replication.execute(x, op));
        }
    }

    /** Starts {@code node}'s replica empty; {@code journal} receives its role changes and faults. */
    void join(String node, Vertx vertx, Consumer<String> journal) {
        synchronized (lock) {
            Replica r = replica(node);
            r.persisted.clear();
            r.loseMemory();
            r.vertx = vertx;
            r.journal = journal;
            r.joined = true;
            r.liveness = Liveness.UP;
            r.note("up, empty, in a cluster of " + replicas.keySet() + (bugs.isEmpty() ? "" : " with bugs " + bugs));
        }
    }

    /** Stops {@code node}'s replica and deletes its data; the last one to leave removes the cluster. */
    void leave(String node) {
        synchronized (lock) {
            Replica r = replica(node);
            r.note("torn down");
            r.liveness = Liveness.DOWN;
            r.joined = false;
            r.persisted.clear();
            r.loseMemory();
            r.dropsFrom = Set.of();
            r.clockOffsetMillis = 0;
            r.journal = line -> { };
            if (replicas.values().stream().noneMatch(other -> other.joined)) RUNS.remove(runId, this);
        }
    }

    void kill(String node) {
        synchronized (lock) {
            Replica r = replica(node);
            if (r.liveness == Liveness.DOWN) return;
            r.note("killed" + (r.unreplicated.isEmpty() ? "" : ", losing " + r.unreplicated.size() + " unreplicated writes")
                    + (r.stalled.isEmpty() ? "" : ", dropping " + r.stalled.size() + " stalled operations"));
            r.liveness = Liveness.DOWN;
            r.loseMemory();
        }
    }

    void start(String node) {
        synchronized (lock) {
            Replica r = replica(node);
            if (!r.joined) throw new IllegalStateException("the simulated store on " + node + " is not set up");
            if (r.liveness != Liveness.DOWN) return;
            r.liveness = Liveness.UP;
            r.note("restarted with its persisted data");
        }
    }

    void pause(String node) {
        synchronized (lock) {
            Replica r = replica(node);
            if (r.liveness != Liveness.UP) return;
            r.liveness = Liveness.PAUSED;
            r.note("paused");
        }
    }

    /** Resumes {@code node}'s replica and runs what stalled meanwhile, in arrival order. */
    void resume(String node) {
        List<Runnable> answers = new ArrayList<>();
        synchronized (lock) {
            Replica r = replica(node);
            if (r.liveness != Liveness.PAUSED) return;
            r.liveness = Liveness.UP;
            r.note("resumed" + (r.stalled.isEmpty() ? "" : ", running " + r.stalled.size() + " stalled operations"));
            while (!r.stalled.isEmpty()) {
                Replica.Stalled s = r.stalled.poll();
                Completion completion = replication.execute(r, s.op());
                answers.add(() -> s.promise().complete(completion));
            }
        }
        answers.forEach(Runnable::run);
    }

    /** {@code node} drops traffic from {@code dropFrom} (empty: heals its share of the partition). */
    void partition(String node, Set<String> dropFrom) {
        for (String peer : dropFrom) {
            if (!nodes.contains(peer)) throw new IllegalArgumentException("cannot drop traffic from " + peer + ": not a node of " + nodes);
        }
        synchronized (lock) {
            Replica r = replica(node);
            r.dropsFrom = Set.copyOf(dropFrom);
            r.note(dropFrom.isEmpty() ? "hears every node" : "drops traffic from " + dropFrom.stream().sorted().toList());
        }
    }

    void clockOffset(String node, long offsetMillis) {
        synchronized (lock) {
            Replica r = replica(node);
            r.clockOffsetMillis = offsetMillis;
            r.note("lease clock offset " + offsetMillis + " ms");
        }
    }

    private Replica replica(String node) {
        Replica r = replicas.get(node);
        if (r == null) throw new IllegalArgumentException("no node " + node + " in run " + runId + "; nodes: " + replicas.keySet());
        return r;
    }

    /** Bug ack-before-replicate: the primary replicates in the background, a little later, if it is still alive. */
    private void scheduleFlush(Replica primary) {
        if (primary.flushArmed || primary.vertx == null) return;
        primary.flushArmed = true;
        long delay = ThreadLocalRandom.current().nextLong(FLUSH_DELAY_MIN_MILLIS, FLUSH_DELAY_MAX_MILLIS + 1);
        primary.vertx.setTimer(delay, id -> {
            synchronized (lock) {
                primary.flushArmed = false;
                switch (primary.liveness) {
                    case UP -> replication.flush(primary);
                    case PAUSED -> scheduleFlush(primary);
                    case DOWN -> { }
                }
            }
        });
    }
}
