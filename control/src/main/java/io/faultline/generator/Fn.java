package io.faultline.generator;

import io.faultline.history.Op;

import java.util.function.BiFunction;

/**
 * Calls {@code f} for every op with a fresh random stream, until it returns null. {@code f} must depend on nothing
 * but its arguments, so that asking twice gives the same op.
 */
record Fn(Rng rng, BiFunction<Rng, Context, Op> f) implements Generator {

    @Override
    public Step next(Context ctx) {
        Op template = f.apply(rng.fork(), ctx);
        if (template == null) return null;
        Op op = Ops.fillIn(template, ctx);
        return op == null ? Step.pending(this) : Step.emit(op, new Fn(rng.next(), f));
    }
}
