package io.faultline.agent.sim;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;
import io.faultline.spi.Completion;
import io.vertx.core.Future;

/** Clients that touch nothing and acknowledge every operation with its own value: for testing the engine itself. */
public final class NoopClientFactory implements ClientFactory {

    private static final Client NOOP = invocation -> Future.succeededFuture(Completion.ok(invocation.value()));

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public Client open(ClientContext context) {
        return NOOP;
    }
}
