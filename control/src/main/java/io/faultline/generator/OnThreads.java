package io.faultline.generator;

import io.faultline.history.Op;

import java.util.OptionalInt;

/**
 * Jepsen's {@code on-threads}: {@code gen} sees, and so emits ops for, only the threads of {@code threads}, and
 * hears only about their events.
 */
record OnThreads(ThreadSet threads, Generator gen) implements Generator {

    @Override
    public Step next(Context ctx) {
        Step step = gen.next(threads.restrict(ctx));
        return step == null ? null : step.withNext(new OnThreads(threads, step.next()));
    }

    @Override
    public Generator update(Context ctx, Op event) {
        Context restricted = threads.restrict(ctx);
        OptionalInt thread = ctx.thread(event.process());
        if (thread.isEmpty() || !restricted.isVisible(thread.getAsInt())) return this;
        return new OnThreads(threads, gen.update(restricted, event));
    }
}
