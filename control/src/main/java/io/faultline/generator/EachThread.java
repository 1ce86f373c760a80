package io.faultline.generator;

import io.faultline.history.Op;

import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Jepsen's {@code each-thread}: every thread runs its own copy of {@code fresh}, which sees only that thread and
 * hears only its events. The soonest op among the free threads wins, the lowest thread on a tie.
 *
 * @param byThread each thread's copy, indexed by {@link Context#slot}; empty until the first op, when the number
 *        of threads becomes known
 */
record EachThread(Generator fresh, List<Generator> byThread) implements Generator {

    @Override
    public Step next(Context ctx) {
        Generator[] after = copies(ctx);
        Step soonest = null;
        int soonestSlot = -1;
        boolean anyPending = false;
        for (int thread : ctx.freeThreads()) {
            int slot = ctx.slot(thread);
            Step step = after[slot].next(ctx.onlyThread(thread));
            if (step == null) continue;
            if (step.isPending()) {
                anyPending = true;
                after[slot] = step.next();
            } else if (Step.isSooner(step, soonest)) {
                soonest = step;
                soonestSlot = slot;
            }
        }
        if (soonest != null) {
            after[soonestSlot] = soonest.next();
            return soonest.withNext(new EachThread(fresh, List.of(after)));
        }
        // A busy thread's copy may still have ops to give once its thread is free again.
        if (anyPending || !ctx.allFree()) return Step.pending(new EachThread(fresh, List.of(after)));
        return null;
    }

    @Override
    public Generator update(Context ctx, Op event) {
        OptionalInt thread = ctx.thread(event.process());
        if (thread.isEmpty() || !ctx.isVisible(thread.getAsInt())) return this;
        int t = thread.getAsInt();
        Generator[] after = copies(ctx);
        after[ctx.slot(t)] = after[ctx.slot(t)].update(ctx.onlyThread(t), event);
        return new EachThread(fresh, List.of(after));
    }

    private Generator[] copies(Context ctx) {
        if (byThread.isEmpty()) return Collections.nCopies(ctx.threadCount(), fresh).toArray(new Generator[0]);
        return byThread.toArray(new Generator[0]);
    }
}
