package io.faultline.generator;

import io.faultline.history.Op;

/**
 * Emits the ops of {@code gen} that are due before {@code cutoff}: the time of its first op plus the limit. The
 * clock starts with the first op rather than at construction, so a limited phase gets its whole budget however
 * late it starts.
 *
 * @param cutoff {@link #UNSET} until the first op
 */
record TimeLimit(long limitNanos, long cutoff, Generator gen) implements Generator {
    static final long UNSET = -1;

    @Override
    public Step next(Context ctx) {
        Step step = gen.next(ctx);
        if (step == null) return null;
        if (step.isPending()) return Step.pending(new TimeLimit(limitNanos, cutoff, step.next()));
        long end = cutoff == UNSET ? step.op().time() + limitNanos : cutoff;
        if (step.op().time() >= end) return null;
        return step.withNext(new TimeLimit(limitNanos, end, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new TimeLimit(limitNanos, cutoff, gen.update(ctx, event));
    }
}
