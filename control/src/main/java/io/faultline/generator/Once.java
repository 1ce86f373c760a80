package io.faultline.generator;

import io.faultline.history.Op;

/** Emits one op from a template, as soon as a visible thread is free. */
record Once(Op template) implements Generator {

    @Override
    public Step next(Context ctx) {
        Op op = Ops.fillIn(template, ctx);
        return op == null ? Step.pending(this) : Step.emit(op, Exhausted.INSTANCE);
    }
}
