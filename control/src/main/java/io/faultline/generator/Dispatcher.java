package io.faultline.generator;

import io.faultline.history.Op;

/** Hands an invocation to the worker of a thread; the completion comes back through {@link GeneratorRunner#complete}. */
@FunctionalInterface
public interface Dispatcher {
    void invoke(int thread, Op invocation);
}
