package io.faultline.generator;

import io.faultline.history.Op;

/**
 * A schedule of operations, modelled on Jepsen's {@code jepsen.generator}: an immutable value that, asked with a
 * {@link Context}, says what to do next.
 *
 * <p>{@link #next} must be pure: asked twice with the same context it gives equal answers and changes nothing.
 * The runner relies on that: when the op it gets is due later, it throws the answer away and asks again when the
 * time comes or a completion arrives, since either may change the answer.
 */
@FunctionalInterface
public interface Generator {

    /**
     * The op to emit next and the generator that follows it, or {@link Step#pending} when there is nothing to emit
     * now, or null when this generator is exhausted.
     */
    Step next(Context ctx);

    /**
     * Told about every invocation the runner dispatches and every completion it receives, with the context after
     * the event (the invoking thread busy; the completing thread free, still running the completed process).
     * Returns the generator that follows; by default this one, unchanged.
     */
    default Generator update(Context ctx, Op event) {
        return this;
    }
}
