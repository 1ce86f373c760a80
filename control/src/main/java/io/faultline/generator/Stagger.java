package io.faultline.generator;

import io.faultline.history.Op;

/**
 * Jepsen's {@code stagger}: holds each op of {@code gen} back until a random gap, uniform in
 * [0, {@code maxGapNanos}), has passed since the previous one. The gaps are between all ops of {@code gen}, not
 * per thread, so the mean gap sets a total rate.
 *
 * @param notBefore the earliest time for the next op; 0, no constraint, before the first
 */
record Stagger(Rng rng, long maxGapNanos, long notBefore, Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        Step step = gen.next(ctx);
        if (step == null) return null;
        if (step.isPending()) return Step.pending(new Stagger(rng, maxGapNanos, notBefore, step.next()));
        Op op = step.op();
        long time = Math.max(op.time(), notBefore);
        long gap = rng.below(maxGapNanos);
        return Step.emit(op.withTime(time), new Stagger(rng.next(), maxGapNanos, time + gap, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Stagger(rng, maxGapNanos, notBefore, gen.update(ctx, event));
    }
}
