package io.faultline.generator;

import io.faultline.history.Op;

/**
 * Jepsen's {@code repeat}: emits the first op of {@code gen} again and again, {@code remaining} times or forever
 * when negative. The state of {@code gen} does not advance with the ops it emits (only with updates), so a
 * generator driven by an {@link Rng} gives the same op every time; {@link Generators#fn} draws afresh per op.
 */
record Repeat(long remaining, Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        if (remaining == 0) return null;
        Step step = gen.next(ctx);
        if (step == null) return null;
        if (step.isPending()) return Step.pending(new Repeat(remaining, step.next()));
        return step.withNext(new Repeat(remaining < 0 ? remaining : remaining - 1, gen));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Repeat(remaining, gen.update(ctx, event));
    }
}
