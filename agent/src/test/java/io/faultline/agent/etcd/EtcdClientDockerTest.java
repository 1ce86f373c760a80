package io.faultline.agent.etcd;

import io.faultline.history.OpType;
import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.faultline.agent.etcd.EtcdTestClients.await;
import static io.faultline.agent.etcd.EtcdTestClients.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/** The etcd client against a real etcd 3.4 in a container; skipped where docker or the node image is missing. */
class EtcdClientDockerTest {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static Optional<String> unavailable;
    private static EtcdContainer etcd;
    private static Vertx vertx;
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void startEtcd() throws Exception {
        unavailable = EtcdContainer.unavailable();
        if (unavailable.isPresent()) return;
        etcd = EtcdContainer.start();
        vertx = Vertx.vertx();
    }

    /** Per test rather than in startEtcd: Surefire then counts each test as skipped instead of hiding them. */
    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElseThrow());
    }

    @AfterAll
    static void stopEtcd() throws IOException {
        if (vertx != null) await(vertx.close());
        if (etcd != null) etcd.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(client -> await(client.close()));
    }

    @Test
    void readOfAMissingKeyIsNil() {
        Completion read = invoke(client(), "read", freshKey(), null);

        assertThat(read).isEqualTo(Completion.ok(null));
    }

    @Test
    void aWrittenValueIsReadBack() {
        Client client = client();
        String key = freshKey();

        assertThat(invoke(client, "write", key, 42)).isEqualTo(Completion.ok(42L));
        assertThat(invoke(client, "read", key, null)).isEqualTo(Completion.ok(42L));
    }

    @Test
    void casFromTheHeldValueSucceeds() {
        Client client = client();
        String key = freshKey();
        invoke(client, "write", key, 1L);

        assertThat(invoke(client, "cas", key, List.of(1L, 2L))).isEqualTo(Completion.ok(List.of(1L, 2L)));
        assertThat(invoke(client, "read", key, null)).isEqualTo(Completion.ok(2L));
    }

    @Test
    void casFromAnotherValueFailsAsACompareFailedAndChangesNothing() {
        Client client = client();
        String key = freshKey();
        invoke(client, "write", key, 1L);

        assertThat(invoke(client, "cas", key, List.of(5L, 6L))).isEqualTo(Completion.compareFailed(List.of(5L, 6L)));
        assertThat(invoke(client, "read", key, null)).isEqualTo(Completion.ok(1L));
    }

    @Test
    void casOnAMissingKeyFailsAsACompareFailed() {
        Client client = client();
        String key = freshKey();

        assertThat(invoke(client, "cas", key, List.of(0L, 1L))).isEqualTo(Completion.compareFailed(List.of(0L, 1L)));
        assertThat(invoke(client, "read", key, null)).isEqualTo(Completion.ok(null));
    }

    @Test
    void serializableReadsSeeWhatWasWritten() {
        String key = freshKey();
        invoke(client(), "write", key, 7L);

        Completion read = invoke(client(Map.of("serializable-reads", true)), "read", key, null);

        assertThat(read).isEqualTo(Completion.ok(7L));
    }

    @Test
    void keysAreIndependent() {
        Client client = client();
        String a = freshKey();
        String b = freshKey();
        invoke(client, "write", a, 1L);
        invoke(client, "write", b, 2L);
        invoke(client, "cas", a, List.of(1L, 3L));

        assertThat(invoke(client, "read", a, null)).isEqualTo(Completion.ok(3L));
        assertThat(invoke(client, "read", b, null)).isEqualTo(Completion.ok(2L));
    }

    @Test
    void theNilKeyIsOneKeyOfItsOwn() {
        Client client = client();
        invoke(client, "write", null, 11L);
        invoke(client, "write", 7, 12L);

        assertThat(invoke(client, "read", null, null)).isEqualTo(Completion.ok(11L));
        assertThat(invoke(client, "read", 7L, null)).isEqualTo(Completion.ok(12L));
    }

    @Test
    void aRefusedConnectionFailsEveryOperation() throws IOException {
        Client client = client(Map.of("endpoint", "http://127.0.0.1:" + closedPort()));

        assertThat(invoke(client, "read", "k", null)).isEqualTo(Completion.fail(null, "connection-refused"));
        assertThat(invoke(client, "write", "k", 1L)).isEqualTo(Completion.fail(1L, "connection-refused"));
        assertThat(invoke(client, "cas", "k", List.of(1L, 2L))).isEqualTo(Completion.fail(List.of(1L, 2L), "connection-refused"));
    }

    @Test
    void atAPausedEtcdWritesAreIndeterminateAndReadsFail() throws IOException {
        Client client = client(Map.of("timeout-ms", 500));
        String key = freshKey();
        etcd.pause();
        Completion write;
        Completion cas;
        Completion read;
        try {
            write = invoke(client, "write", key, 1L);
            cas = invoke(client, "cas", key, List.of(1L, 2L));
            read = invoke(client, "read", key, null);
        } finally {
            etcd.unpause();
        }

        assertThat(write).isEqualTo(Completion.info(1L, "timeout"));
        assertThat(cas).isEqualTo(Completion.info(List.of(1L, 2L), "timeout"));
        assertThat(read).isEqualTo(Completion.fail(null, "timeout"));
        // The write was sent: once etcd resumes it may or may not be there; the client itself works again.
        assertThat(invoke(client, "write", key, 3L)).isEqualTo(Completion.ok(3L));
        assertThat(invoke(client, "read", key, null).type()).isEqualTo(OpType.OK);
    }

    private Client client() {
        return client(Map.of());
    }

    private Client client(Map<String, Object> options) {
        Map<String, Object> withEndpoint = new HashMap<>(Map.of("endpoint", etcd.endpoint()));
        withEndpoint.putAll(options);
        Client client = EtcdTestClients.open(vertx, withEndpoint);
        clients.add(client);
        return client;
    }

    /** Keys differ between tests: they share one etcd. */
    private static String freshKey() {
        return "key-" + KEYS.incrementAndGet() + "-" + System.nanoTime();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
