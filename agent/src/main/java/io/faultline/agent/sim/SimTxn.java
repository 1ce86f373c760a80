package io.faultline.agent.sim;

import io.faultline.spi.Completion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One transaction ({@code f: txn}, value {@code [["append", k, v], ["r", k, nil], ...]} on lists, {@code [["w", k, v],
 * ["r", k, nil], ...]} on registers) against the simulated store. Correct, it runs as one atomic step, so the store is strictly serializable. Each isolation bug
 * splits it into steps a few milliseconds apart, so other transactions run in between:
 * <ul>
 *   <li>read-committed: each read of a key it has not written sees what is committed when it runs; the writes, and
 *       the reads of keys written before them, take effect together at commit;</li>
 *   <li>snapshot-isolation: reads see a snapshot of the keys taken at the start; at commit the appends are applied
 *       unless a key appended to changed since the snapshot (first committer wins; the loser fails {@code conflict});</li>
 *   <li>read-uncommitted: each micro-op takes effect when it runs, visible to everyone at once.</li>
 * </ul>
 * A replica that is down or paused refuses the first step (fail, nothing happened); refusing a later one leaves
 * the transaction half done (info).
 */
final class SimTxn {
    private static final int MAX_STEP_DELAY_MILLIS = 4;

    enum Mode {
        ATOMIC, READ_COMMITTED, SNAPSHOT_ISOLATION, READ_UNCOMMITTED;

        static Mode of(Set<SimBug> bugs) {
            if (bugs.contains(SimBug.READ_UNCOMMITTED)) return READ_UNCOMMITTED;
            if (bugs.contains(SimBug.READ_COMMITTED)) return READ_COMMITTED;
            if (bugs.contains(SimBug.SNAPSHOT_ISOLATION)) return SNAPSHOT_ISOLATION;
            return ATOMIC;
        }
    }

    /** A micro-op: a write ({@code append} to a list, {@code w} to a register) or a read. */
    private record Mop(DataType type, boolean append, Object key, Object value) {
        SimOp op() {
            String f = !append ? "read" : type == DataType.LIST ? "append" : "write";
            return SimOp.of(type, f, key, append ? value : null);
        }
    }

    private final SimCluster cluster;
    private final String node;
    private final Vertx vertx;
    private final Object value;
    private final List<Mop> mops;
    private final List<Object> results = new ArrayList<>();
    /** What this transaction appended so far, by key: its own reads must show it. */
    private final Map<Object, List<Object>> own = new HashMap<>();
    private final Map<Object, Object> snapshot = new HashMap<>();
    private final Promise<Completion> promise = Promise.promise();
    private int steps;

    private final DataType type;
    private final String writeF;

    private SimTxn(SimCluster cluster, String node, Vertx vertx, DataType type, Object value) {
        if (type != DataType.LIST && type != DataType.REGISTER) {
            throw new IllegalArgumentException("transactions run on lists (list-append) and registers (rw-register), not on " + type.wireName());
        }
        this.cluster = cluster;
        this.node = node;
        this.vertx = vertx;
        this.type = type;
        this.writeF = type == DataType.LIST ? "append" : "w";
        this.value = value;
        this.mops = parse(value);
    }

    static Future<Completion> run(SimCluster cluster, String node, Vertx vertx, DataType type, Object value) {
        SimTxn txn = new SimTxn(cluster, node, vertx, type, value);
        txn.start(Mode.of(cluster.bugs()));
        return txn.promise.future();
    }

    private List<Mop> parse(Object value) {
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException("a txn's value is a list of micro-ops, found " + value);
        List<Mop> mops = new ArrayList<>();
        for (Object m : list) {
            if (!(m instanceof List<?> parts) || parts.size() != 3 || !(writeF.equals(parts.get(0)) || "r".equals(parts.get(0)))) {
                throw new IllegalArgumentException("a micro-op on " + type.wireName() + " keys is [\"" + writeF + "\", key, value] or [\"r\", key, nil];"
                        + " found " + m);
            }
            mops.add(new Mop(type, writeF.equals(parts.get(0)), parts.get(1), parts.get(2)));
        }
        return mops;
    }

    private void start(Mode mode) {
        switch (mode) {
            case ATOMIC -> step(exec -> {
                for (Mop m : mops) if (!perform(exec, m)) return false;
                return true;
            }, this::commitDone);
            case READ_UNCOMMITTED -> eachMop(0, (exec, m) -> perform(exec, m), this::commitDone);
            case READ_COMMITTED -> readCommitted(0, new Object[mops.size()]);
            case SNAPSHOT_ISOLATION -> step(exec -> {
                for (Object key : keys(false)) {
                    Completion c = exec.apply(new Mop(type, false, key, null).op());
                    if (!applied(c)) return false;
                    snapshot.put(key, c.value());
                }
                return true;
            }, () -> {
                for (Mop m : mops) {
                    if (m.append()) buffer(m);
                    else results.add(Arrays.asList("r", m.key(), withOwn(m.key(), snapshot.get(m.key()))));
                }
                step(exec -> {
                    for (Object key : keys(true)) {
                        Completion c = exec.apply(new Mop(type, false, key, null).op());
                        if (!applied(c)) return false;
                        if (!Objects.equals(c.value(), snapshot.get(key))) {
                            promise.complete(Completion.fail(value, "conflict"));
                            return null;
                        }
                    }
                    for (Mop m : mops) if (m.append() && !applied(exec.apply(m.op()))) return false;
                    return true;
                }, this::commitDone);
            });
        }
    }

    /** The keys of the micro-ops (only the appended ones when {@code appendedOnly}), in order. */
    private Set<Object> keys(boolean appendedOnly) {
        Set<Object> keys = new LinkedHashSet<>();
        for (Mop m : mops) if (m.append() || !appendedOnly) keys.add(m.key());
        return keys;
    }

    private interface Body {
        /** True when done, false when refused (the failure is recorded), null when it completed the promise itself. */
        Boolean run(java.util.function.Function<SimOp, Completion> exec);
    }

    private interface MopBody {
        boolean run(java.util.function.Function<SimOp, Completion> exec, Mop m);
    }

    private Completion refusal;

    /** One atomic step after a short delay (none before the first), then {@code then}. */
    private void step(Body body, Runnable then) {
        int delay = steps++ == 0 ? 0 : 1 + ThreadLocalRandom.current().nextInt(MAX_STEP_DELAY_MILLIS);
        Runnable attempt = () -> {
            Boolean done = cluster.atomically(node, body::run);
            if (done == null && promise.future().isComplete()) return;
            if (done == null || !done) {
                String error = refusal != null && refusal.error() != null ? refusal.error() : "unavailable";
                promise.complete(steps == 1 ? Completion.fail(value, error) : Completion.info(value, error));
                return;
            }
            then.run();
        };
        if (delay == 0) attempt.run();
        else vertx.setTimer(delay, id -> attempt.run());
    }

    private void eachMop(int i, MopBody body, Runnable then) {
        if (i == mops.size()) {
            then.run();
            return;
        }
        Mop m = mops.get(i);
        step(exec -> body.run(exec, m), () -> eachMop(i + 1, body, then));
    }

    /** Runs a micro-op now, recording its result. */
    private boolean perform(java.util.function.Function<SimOp, Completion> exec, Mop m) {
        Completion c = exec.apply(m.op());
        if (!applied(c)) return false;
        results.add(m.append() ? List.of(writeF, m.key(), m.value()) : Arrays.asList("r", m.key(), c.value()));
        return true;
    }

    /**
     * Read committed as databases build it: a read of a key this transaction has not written sees what is committed
     * when it runs; a write locks its key until commit, so the writes and the reads of written keys take effect
     * together in the commit step. Writes never interleave, so no G0 or G1c; reads of other keys may skew (G-single).
     */
    private void readCommitted(int i, Object[] shown) {
        if (i < mops.size() && !committedWith(i)) {
            Mop m = mops.get(i);
            step(exec -> {
                Completion c = exec.apply(m.op());
                if (!applied(c)) return false;
                shown[i] = Arrays.asList("r", m.key(), c.value());
                return true;
            }, () -> readCommitted(i + 1, shown));
            return;
        }
        if (i < mops.size()) {
            readCommitted(i + 1, shown);
            return;
        }
        step(exec -> {
            for (int j = 0; j < mops.size(); j++) {
                if (!committedWith(j)) continue;
                Mop m = mops.get(j);
                Completion c = exec.apply(m.op());
                if (!applied(c)) return false;
                shown[j] = m.append() ? List.of(writeF, m.key(), m.value()) : Arrays.asList("r", m.key(), c.value());
            }
            return true;
        }, () -> {
            results.addAll(Arrays.asList(shown));
            commitDone();
        });
    }

    /** Whether micro-op {@code i} is a write, or a read of a key this transaction wrote before it. */
    private boolean committedWith(int i) {
        Mop m = mops.get(i);
        if (m.append()) return true;
        for (int j = 0; j < i; j++) if (mops.get(j).append() && mops.get(j).key().equals(m.key())) return true;
        return false;
    }

    private boolean buffer(Mop m) {
        own.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
        results.add(List.of(writeF, m.key(), m.value()));
        return true;
    }

    /** What a read shows: the store's value with this transaction's own writes to the key so far on top. */
    private Object withOwn(Object key, Object stored) {
        List<Object> mine = own.getOrDefault(key, List.of());
        if (type == DataType.REGISTER) return mine.isEmpty() ? stored : mine.get(mine.size() - 1);
        List<Object> seen = new ArrayList<>((List<?>) stored);
        seen.addAll(mine);
        return seen;
    }

    private boolean applied(Completion c) {
        if (c.type() == io.faultline.history.OpType.OK) return true;
        refusal = c;
        return false;
    }

    private void commitDone() {
        promise.complete(Completion.ok(List.copyOf(results)));
    }
}
