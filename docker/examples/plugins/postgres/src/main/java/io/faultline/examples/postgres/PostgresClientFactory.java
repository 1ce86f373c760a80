package io.faultline.examples.postgres;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;

/**
 * {@code workload.client: postgres}: a register per key, one row each, over JDBC to whichever node is primary.
 * Options (all optional): {@code user}, {@code password}, {@code database}, {@code port}.
 */
public final class PostgresClientFactory implements ClientFactory {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Client open(ClientContext context) {
        return new PostgresClient(context.vertx(), JdbcTarget.of(context));
    }
}
