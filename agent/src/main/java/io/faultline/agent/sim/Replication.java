package io.faultline.agent.sim;

import io.faultline.spi.Completion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The replication protocol, run with the cluster's lock held so that each operation is atomic.
 *
 * <p>Correct mode: an operation at node X goes to the first-named live node P that X can talk to and that can
 * talk to a majority of all nodes. P reads the key from every live replica it can talk to (a majority), takes
 * the newest version, applies the operation and writes the result, one version up, to those same replicas.
 * Any two majorities intersect and the lock serializes operations, so every operation sees the previous
 * write and versions grow in lock order: the store is linearizable whatever the faults. The bugs switch off
 * one piece each.
 */
final class Replication {

    /** The primary serving one operation and the replicas it reads from and writes to, itself included. */
    private record Round(Replica primary, List<Replica> members) {
        Versioned newest(SimOp.Key key) {
            Versioned newest = Versioned.ABSENT;
            for (Replica r : members) {
                Versioned copy = r.copy(key);
                if (copy.newerThan(newest)) newest = copy;
            }
            return newest;
        }
    }

    private final List<Replica> byName;
    private final Set<SimBug> bugs;
    private final Consumer<Replica> scheduleFlush;
    private long lastStamp;

    /** {@code byName} in name order: the first eligible node is the primary. */
    Replication(List<Replica> byName, Set<SimBug> bugs, Consumer<Replica> scheduleFlush) {
        this.byName = byName;
        this.bugs = bugs;
        this.scheduleFlush = scheduleFlush;
    }

    /** Performs {@code op} arriving at the live replica {@code x}. */
    Completion execute(Replica x, SimOp op) {
        if (op.isRead() && bugs.contains(SimBug.STALE_READS)) {
            return op.applyTo(x.copy(op.key()).value()).completion();
        }
        Round round = bugs.contains(SimBug.SPLIT_BRAIN) ? componentRound(x) : majorityRound(x);
        notePrimary(x, round);
        // Nothing was read or written yet, so the operation certainly did not happen.
        if (round == null) return Completion.fail(op.value(), "no-primary");

        Replica primary = round.primary();
        if (bugs.contains(SimBug.ACK_BEFORE_REPLICATE)) flush(primary);
        Versioned current = round.newest(op.key());
        Effect effect = op.applyTo(current.value());
        if (effect.writes()) {
            Versioned next = current.next(effect.newValue(), ++lastStamp);
            if (bugs.contains(SimBug.ACK_BEFORE_REPLICATE)) {
                primary.unreplicated.put(op.key(), next);
                scheduleFlush.accept(primary);
            } else {
                for (Replica r : round.members()) r.store(op.key(), next);
            }
        }
        return effect.completion();
    }

    /** Replicates what {@code primary} acknowledged but kept in memory, to the replicas it can reach now. */
    void flush(Replica primary) {
        if (primary.unreplicated.isEmpty()) return;
        List<Replica> reachable = reachableFrom(primary);
        for (Map.Entry<SimOp.Key, Versioned> write : primary.unreplicated.entrySet()) {
            for (Replica r : reachable) r.store(write.getKey(), write.getValue());
        }
        primary.unreplicated.clear();
    }

    private Round majorityRound(Replica x) {
        int majority = byName.size() / 2 + 1;
        for (Replica candidate : byName) {
            if (!candidate.isUp() || !canTalk(x, candidate)) continue;
            List<Replica> reachable = reachableFrom(candidate);
            if (reachable.size() >= majority) return new Round(candidate, reachable);
        }
        return null;
    }

    /** Split brain: the connected component around X is a cluster of its own, whatever its size. */
    private Round componentRound(Replica x) {
        Set<Replica> component = new LinkedHashSet<>();
        Deque<Replica> frontier = new ArrayDeque<>(List.of(x));
        while (!frontier.isEmpty()) {
            Replica r = frontier.pop();
            if (!component.add(r)) continue;
            for (Replica peer : reachableFrom(r)) {
                if (!component.contains(peer)) frontier.push(peer);
            }
        }
        List<Replica> members = byName.stream().filter(component::contains).toList();
        return new Round(members.get(0), members);
    }

    /** Live replicas {@code from} can talk to, itself included, in name order. */
    private List<Replica> reachableFrom(Replica from) {
        List<Replica> reachable = new ArrayList<>();
        for (Replica r : byName) {
            if (r.isUp() && canTalk(from, r)) reachable.add(r);
        }
        return reachable;
    }

    /** Two nodes communicate only if neither drops the other's traffic. */
    private static boolean canTalk(Replica a, Replica b) {
        return a == b || (!a.dropsFrom.contains(b.name) && !b.dropsFrom.contains(a.name));
    }

    private static void notePrimary(Replica x, Round round) {
        String primary = round == null ? null : round.primary().name;
        if (Objects.equals(primary, x.lastPrimary)) return;
        x.lastPrimary = primary;
        x.note(primary == null ? "clients find no primary: no node reachable from here reaches a majority"
                : "clients now reach primary " + primary + " with replicas " + round.members().stream().map(r -> r.name).toList());
    }
}
