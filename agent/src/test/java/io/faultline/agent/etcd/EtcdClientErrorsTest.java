package io.faultline.agent.etcd;

import io.faultline.history.OpType;
import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static io.faultline.agent.etcd.EtcdTestClients.await;
import static io.faultline.agent.etcd.EtcdTestClients.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How answers that are not plain successes map to completions, against a local HTTP server that plays a
 * misbehaving gateway: reads fail, writes and cas are indeterminate.
 */
class EtcdClientErrorsTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static volatile Handler<HttpServerRequest> gateway;
    private Client client;

    @BeforeAll
    static void startServer() {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> gateway.handle(request)))
                .listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stopServer() {
        await(vertx.close());
    }

    @AfterEach
    void closeClient() {
        if (client != null) await(client.close());
    }

    @Test
    void aGrpcErrorFailsAReadAndLeavesWritesIndeterminate() {
        answer(503, new JsonObject().put("error", "etcdserver: request timed out").put("code", 14).encode());

        assertThat(invoke(client(), "read", "k", null)).isEqualTo(Completion.fail(null, "etcdserver: request timed out"));
        assertThat(invoke(client, "write", "k", 1)).isEqualTo(Completion.info(1L, "etcdserver: request timed out"));
        assertThat(invoke(client, "cas", "k", List.of(1, 2)))
                .isEqualTo(Completion.info(List.of(1L, 2L), "etcdserver: request timed out"));
    }

    @Test
    void aServerErrorWithoutBodyIsReportedByItsStatus() {
        answer(502, "");

        assertThat(invoke(client(), "write", "k", 1L)).isEqualTo(Completion.info(1L, "http 502"));
    }

    @Test
    void anUnreadableAnswerLeavesAWriteIndeterminate() {
        answer(200, "<html>proxy</html>");

        Completion write = invoke(client(), "write", "k", 1L);

        assertThat(write.type()).isEqualTo(OpType.INFO);
        assertThat(write.error()).startsWith("unreadable answer");
    }

    @Test
    void aValueThatIsNoIntegerFailsTheRead() {
        JsonObject kv = new JsonObject().put("key", EtcdJson.base64("/faultline/k")).put("value", EtcdJson.base64("abc"));
        answer(200, new JsonObject().put("kvs", List.of(kv)).encode());

        assertThat(invoke(client(), "read", "k", null))
                .isEqualTo(Completion.fail(null, "key /faultline/k holds 'abc', not a decimal integer"));
    }

    @Test
    void noAnswerWithinTheTimeoutFailsAReadAndLeavesAWriteIndeterminate() {
        gateway = request -> { };
        client = EtcdTestClients.open(vertx, Map.of("endpoint", endpoint(), "timeout-ms", 200));

        assertThat(invoke(client, "read", "k", null)).isEqualTo(Completion.fail(null, "timeout"));
        assertThat(invoke(client, "write", "k", 1L)).isEqualTo(Completion.info(1L, "timeout"));
    }

    @Test
    void aConnectionClosedWithoutAnswerLeavesAWriteIndeterminate() {
        gateway = request -> request.connection().close();

        Completion write = invoke(client(), "write", "k", 1L);
        Completion read = invoke(client, "read", "k", null);

        assertThat(write.type()).isEqualTo(OpType.INFO);
        assertThat(write.value()).isEqualTo(1L);
        assertThat(write.error()).isNotBlank();
        assertThat(read.type()).isEqualTo(OpType.FAIL);
        assertThat(read.error()).isNotBlank();
    }

    @Test
    void anUnknownFIsAFailedFutureNamingTheKnownOnes() {
        Future<Completion> result = client().invoke(new Invocation(0, "add", "k", 1L));

        assertThat(result.failed()).isTrue();
        assertThat(result.cause()).hasMessageContainingAll("'add'", "read, write, cas");
    }

    @Test
    void failuresToConnectAreRecognizedThroughWrappers() {
        EtcdOp write = EtcdOp.of(new Invocation(0, "write", "k", 1L), false);

        assertThat(EtcdClient.unanswered(write, new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(Completion.fail(1L, "connection-refused"));
        assertThat(EtcdClient.unanswered(write, new RuntimeException(new TimeoutException("late"))))
                .isEqualTo(Completion.info(1L, "timeout"));
        assertThat(EtcdClient.unanswered(write, new IllegalStateException()))
                .isEqualTo(Completion.info(1L, "IllegalStateException"));
    }

    private static void answer(int status, String body) {
        gateway = request -> request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    private Client client() {
        client = EtcdTestClients.open(vertx, Map.of("endpoint", endpoint()));
        return client;
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + server.actualPort();
    }
}
