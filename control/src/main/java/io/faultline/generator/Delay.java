package io.faultline.generator;

import io.faultline.history.Op;

/**
 * Emits the ops of {@code gen} at least {@code dtNanos} apart: an op due earlier is held back. (Jepsen's
 * {@code delay} catches up after falling behind; this one never emits two ops closer than the delay.)
 *
 * @param notBefore the earliest time for the next op; 0, no constraint, before the first
 */
record Delay(long dtNanos, long notBefore, Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        Step step = gen.next(ctx);
        if (step == null) return null;
        if (step.isPending()) return Step.pending(new Delay(dtNanos, notBefore, step.next()));
        Op op = step.op();
        long time = Math.max(op.time(), notBefore);
        return Step.emit(op.withTime(time), new Delay(dtNanos, time + dtNanos, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Delay(dtNanos, notBefore, gen.update(ctx, event));
    }
}
