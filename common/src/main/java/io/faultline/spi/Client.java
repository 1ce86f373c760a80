package io.faultline.spi;

import io.vertx.core.Future;

/**
 * Performs operations against the system under test for one worker. The agent calls {@link #invoke} with
 * at most one operation outstanding per client, stamps invocation and completion times itself, and turns
 * a future that does not complete within the workload's timeout into {@code info}. A failed future is
 * recorded as {@code info} with the exception's message: an exception says nothing about whether the
 * operation took effect. Implementations must not block the calling event loop.
 */
public interface Client {

    Future<Completion> invoke(Invocation invocation);

    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
