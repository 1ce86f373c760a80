package io.faultline.generator;

import io.faultline.history.Op;

/**
 * Jepsen's {@code synchronize}: pending until every visible thread is free, then {@code gen} itself. Put between
 * phases, it makes sure no op of the previous phase is still running when the next one starts.
 */
record Synchronize(Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        return ctx.allFree() ? gen.next(ctx) : Step.pending(this);
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Synchronize(gen.update(ctx, event));
    }
}
