package io.faultline.workload;

import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;

import java.util.function.BiFunction;

/**
 * Jepsen's {@code independent/concurrent-generator} for the single-register workloads: many short
 * register histories instead of one long one, so that each stays cheap to check.
 *
 * <p>The client threads are split into {@code keysAtOnce} groups of consecutive threads (sizes differ by at
 * most one; with more keys than threads, one thread per key). Consecutive threads run on consecutive nodes,
 * so with at least as many threads per key as nodes each key is read and written through every node, which
 * is what exposes stale reads. Each group works on one key at a time; after {@code opsPerKey} operations it
 * moves on to a fresh key, never used before: group g's r-th key is {@code k(r·groups + g)}.
 *
 * <p>The project's generators replay exactly for a seed, whatever the timing, so the i-th operation is fixed
 * before it is known which thread is free: it belongs to group {@code i mod groups} and waits, if need be,
 * for a free thread of that group (taking the group's threads in turn, so a key's operations go round its
 * nodes). A group whose threads are all busy therefore holds the others back for the length of one
 * operation; Jepsen's generator, which lets groups run at their own pace, pays for that with runs that do not
 * replay.
 */
final class IndependentKeys implements Generator {
    private final Rng rng;
    private final int opsPerKey;
    private final int keysAtOnce;
    /** Operations emitted so far. */
    private final long emitted;
    private final BiFunction<Rng, Object, Op> operation;

    /**
     * @param operation the op template for a key, drawn from the given random stream
     */
    IndependentKeys(Rng rng, int opsPerKey, int keysAtOnce, BiFunction<Rng, Object, Op> operation) {
        this(rng, opsPerKey, keysAtOnce, 0, operation);
        if (opsPerKey < 1 || keysAtOnce < 1) {
            throw new IllegalArgumentException("ops per key and keys at once must be positive: " + opsPerKey + ", " + keysAtOnce);
        }
    }

    private IndependentKeys(Rng rng, int opsPerKey, int keysAtOnce, long emitted, BiFunction<Rng, Object, Op> operation) {
        this.rng = rng;
        this.opsPerKey = opsPerKey;
        this.keysAtOnce = keysAtOnce;
        this.emitted = emitted;
        this.operation = operation;
    }

    @Override
    public Step next(Context ctx) {
        Context clients = ctx.clientsOnly();
        int concurrency = clients.concurrency();
        int groups = Math.min(keysAtOnce, concurrency);
        int group = (int) (emitted % groups);
        long turn = emitted / groups;
        int first = firstThread(group, groups, concurrency);
        int size = firstThread(group + 1, groups, concurrency) - first;
        int thread = -1;
        for (int i = 0; i < size && thread < 0; i++) {
            int t = first + (int) ((turn + i) % size);
            if (clients.isVisible(t) && clients.isFree(t)) thread = t;
        }
        if (thread < 0) return Step.pending(this);
        Object key = "k" + ((turn / opsPerKey) * groups + group);
        Op op = Ops.fillIn(operation.apply(rng.fork(), key), clients.onlyThread(thread));
        if (op == null) return Step.pending(this);
        return Step.emit(op, new IndependentKeys(rng.next(), opsPerKey, keysAtOnce, emitted + 1, operation));
    }

    /** The lowest thread of {@code group}: thread t is in group floor(t·groups / concurrency). */
    private static int firstThread(int group, int groups, int concurrency) {
        return (int) (((long) group * concurrency + groups - 1) / groups);
    }
}
