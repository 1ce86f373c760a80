package io.faultline.examples.postgres;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;

/**
 * {@code workload.client: postgres-list-append}: Elle's list-append transactions (workload list-append), a key per
 * row, over JDBC to whichever node is primary. Options as the {@code postgres} client's: {@code user},
 * {@code password}, {@code database}, {@code port}.
 */
public final class ListAppendClientFactory implements ClientFactory {

    @Override
    public String name() {
        return "postgres-list-append";
    }

    @Override
    public Client open(ClientContext context) {
        Object dataType = context.options().get("data-type");
        if (dataType != null && !dataType.equals("list")) {
            throw new IllegalArgumentException("the postgres-list-append client serves lists (workload list-append); data-type '"
                    + dataType + "' is not supported" + (dataType.equals("register") ? " (registers: client postgres)" : ""));
        }
        return new ListAppendClient(context.vertx(), JdbcTarget.of(context));
    }
}
