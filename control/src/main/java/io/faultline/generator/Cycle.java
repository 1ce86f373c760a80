package io.faultline.generator;

import io.faultline.history.Op;

/** Jepsen's {@code cycle}: runs {@code original} to its end, then starts it again from the beginning, forever. */
record Cycle(Generator original, Generator current) implements Generator {

    @Override
    public Step next(Context ctx) {
        Step step = current.next(ctx);
        if (step == null) {
            // A generator that is exhausted from the start would otherwise be restarted forever.
            step = original.next(ctx);
            if (step == null) return null;
        }
        return step.withNext(new Cycle(original, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Cycle(original, current.update(ctx, event));
    }
}
