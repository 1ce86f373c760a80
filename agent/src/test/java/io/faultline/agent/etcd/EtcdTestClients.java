package io.faultline.agent.etcd;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Opens etcd clients the way the agent does, and waits for their answers from the test thread. */
final class EtcdTestClients {

    private EtcdTestClients() {
    }

    static Client open(Vertx vertx, Map<String, Object> options) {
        return new EtcdClientFactory().open(new ClientContext(vertx, "test-run", "n1", List.of("n1"), null, options));
    }

    static Completion invoke(Client client, String f, Object key, Object value) {
        return await(client.invoke(new Invocation(0, f, key, value)));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }
}
