package io.faultline.workload;

import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;

import java.util.OptionalInt;
import java.util.function.BiFunction;

/**
 * Jepsen's {@code independent/concurrent-generator} for the single-register workloads: many short
 * register histories instead of one long one, so that each stays cheap to check.
 *
 * <p>The client threads are split into {@code keysAtOnce} groups of consecutive threads (sizes differ by at
 * most one; with more keys than threads, one thread per key). Consecutive threads run on consecutive nodes,
 * so with at least as many threads per key as nodes each key is read and written through every node, which
 * is what exposes stale reads. Each group works on one key at a time; after {@code opsPerKey} operations it
 * moves on to a fresh key, never used before: group g's r-th key is {@code k(r·groups + g)}. Which key an
 * operation gets depends only on its thread and on how many operations that thread's group got before, and
 * the operation itself on its group's seeded random stream, so a seed replays each group's operations
 * whatever the timing (only how the groups interleave varies).
 */
final class IndependentKeys implements Generator {
    private final Rng rng;
    private final int opsPerKey;
    private final int keysAtOnce;
    /** Operations emitted so far per group. */
    private final long[] emitted;
    private final BiFunction<Rng, Object, Op> operation;

    /**
     * @param operation the op template for a key, drawn from the given random stream
     */
    IndependentKeys(Rng rng, int opsPerKey, int keysAtOnce, BiFunction<Rng, Object, Op> operation) {
        this(rng, opsPerKey, keysAtOnce, new long[keysAtOnce], operation);
        if (opsPerKey < 1 || keysAtOnce < 1) {
            throw new IllegalArgumentException("ops per key and keys at once must be positive: " + opsPerKey + ", " + keysAtOnce);
        }
    }

    private IndependentKeys(Rng rng, int opsPerKey, int keysAtOnce, long[] emitted, BiFunction<Rng, Object, Op> operation) {
        this.rng = rng;
        this.opsPerKey = opsPerKey;
        this.keysAtOnce = keysAtOnce;
        this.emitted = emitted;
        this.operation = operation;
    }

    @Override
    public Step next(Context ctx) {
        Context clients = ctx.clientsOnly();
        OptionalInt free = clients.someFreeThread();
        if (free.isEmpty()) return Step.pending(this);
        int thread = free.getAsInt();
        int groups = Math.min(keysAtOnce, clients.concurrency());
        int group = (int) ((long) thread * groups / clients.concurrency());
        long round = emitted[group] / opsPerKey;
        Object key = "k" + (round * groups + group);
        // Each group draws from its own stream, so its n-th op is the same whatever the other groups did.
        Rng draw = new Rng(rng.bits() ^ (group + 1) * 0x9E3779B97F4A7C15L, emitted[group]).fork();
        Op op = Ops.fillIn(operation.apply(draw, key), clients.onlyThread(thread));
        if (op == null) return Step.pending(this);
        long[] after = emitted.clone();
        after[group]++;
        return Step.emit(op, new IndependentKeys(rng, opsPerKey, keysAtOnce, after, operation));
    }
}
