package io.faultline.generator;

import io.faultline.history.Op;

/** Emits at most {@code remaining} more ops of {@code gen}. */
record Limit(long remaining, Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        if (remaining <= 0) return null;
        Step step = gen.next(ctx);
        if (step == null) return null;
        return step.withNext(new Limit(step.isPending() ? remaining : remaining - 1, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Limit(remaining, gen.update(ctx, event));
    }
}
