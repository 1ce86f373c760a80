package io.faultline.agent.sim;

import io.faultline.spi.Completion;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** One node's replica. Mutable, and guarded by its {@link SimCluster}'s lock like everything in the simulation. */
final class Replica {

    /** An operation that arrived while the replica was paused; it runs on resume. */
    record Stalled(SimOp op, Promise<Completion> promise) {
    }

    final String name;
    Liveness liveness = Liveness.DOWN;
    boolean joined;
    /** What survives a kill. */
    final Map<SimOp.Key, Versioned> persisted = new HashMap<>();
    /** Writes a primary acknowledged but has not replicated yet (bug ack-before-replicate); a kill loses them. */
    final Map<SimOp.Key, Versioned> unreplicated = new HashMap<>();
    boolean flushArmed;
    final Deque<Stalled> stalled = new ArrayDeque<>();
    /** Nodes whose traffic this replica drops (its share of a grudge). */
    Set<String> dropsFrom = Set.of();
    long clockOffsetMillis;
    /** The primary this node's clients last reached, to journal changes only. */
    String lastPrimary;
    Vertx vertx;
    Consumer<String> journal = line -> { };

    Replica(String name) {
        this.name = name;
    }

    boolean isUp() {
        return liveness == Liveness.UP;
    }

    /** This replica's copy of a key, its unreplicated memory included. */
    Versioned copy(SimOp.Key key) {
        Versioned inMemory = unreplicated.get(key);
        Versioned onDisk = persisted.getOrDefault(key, Versioned.ABSENT);
        return inMemory != null && inMemory.newerThan(onDisk) ? inMemory : onDisk;
    }

    /** Newest version wins: replication never moves a replica backwards. */
    void store(SimOp.Key key, Versioned value) {
        persisted.merge(key, value, (old, incoming) -> incoming.newerThan(old) ? incoming : old);
    }

    /** The replica's lease clock: the wall clock moved by its clock fault; it stamps the journal, never decides safety. */
    Instant leaseClock() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + clockOffsetMillis);
    }

    void note(String event) {
        journal.accept(leaseClock() + " " + name + " " + event);
    }

    /** Everything a process holds in memory goes with it. */
    void loseMemory() {
        unreplicated.clear();
        stalled.clear();
        lastPrimary = null;
    }
}
