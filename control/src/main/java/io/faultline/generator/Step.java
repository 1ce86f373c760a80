package io.faultline.generator;

import io.faultline.history.Op;

import java.util.Objects;

/**
 * A generator's answer: an op to emit, or pending (op null), and the generator that follows. A generator says
 * "exhausted" with a null step instead.
 *
 * @param op an invocation with {@code time} (when to emit it, nanoseconds since the run started) and
 *        {@code process} filled in; null while pending
 * @param next after an op, the generator that follows once the op is emitted; while pending, the generator to
 *        keep and ask again after the next event or when time passes
 */
public record Step(Op op, Generator next) {

    public Step {
        Objects.requireNonNull(next, "next");
    }

    public static Step emit(Op op, Generator next) {
        return new Step(Objects.requireNonNull(op, "op"), next);
    }

    public static Step pending(Generator next) {
        return new Step(null, next);
    }

    public boolean isPending() {
        return op == null;
    }

    public Step withNext(Generator newNext) {
        return new Step(op, newNext);
    }

    /**
     * Whether {@code candidate} should be emitted before {@code best}: it has an op, and {@code best} is missing,
     * pending, or strictly later. Strictly, so that among equally soon ops the first one asked wins and the choice
     * stays deterministic.
     */
    static boolean isSooner(Step candidate, Step best) {
        if (candidate == null || candidate.isPending()) return false;
        return best == null || best.isPending() || candidate.op.time() < best.op.time();
    }
}
