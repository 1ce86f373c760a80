package io.faultline.examples.postgres;

import io.faultline.history.OpType;
import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a real PostgreSQL, found as libpq finds one: PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER
 * (postgres), PGPASSWORD (faultline), PGDATABASE (postgres). Without a server there, the tests that need one skip
 * themselves. Keys are fresh for every run, so the table {@code lists} may hold earlier runs' rows.
 */
class ListAppendClientTest {
    private static final String HOST = env("PGHOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(env("PGPORT", "5432"));
    private static Vertx vertx;
    private static String unreachable;

    private final long base = (System.nanoTime() & 0xFFFF_FFFFL) << 8;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        JdbcTarget target = JdbcTarget.of(context(PORT));
        try (Connection c = new org.postgresql.Driver().connect(target.url(), target.properties())) {
            unreachable = c == null ? "the driver refused " + target.url() : null;
        } catch (SQLException e) {
            unreachable = "no PostgreSQL at " + HOST + ":" + PORT + " (" + Outcome.describe(e) + "): set PGHOST, PGPORT, PGUSER, PGPASSWORD";
        }
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void refusedConnectionsFailTheTxn() throws Exception {
        // Port 1: nothing listens, so the connection is refused and nothing was sent.
        Client client = new ListAppendClientFactory().open(context(1));
        try {
            Completion c = invoke(client, List.of(List.of("append", 1L, 1L)));
            assertEquals(OpType.FAIL, c.type(), c.toString());
            assertEquals(List.of(Arrays.asList("append", 1L, 1L)), c.value());
        } finally {
            client.close();
        }
    }

    @Test
    void refusesOtherDataTypesAndFs() throws Exception {
        Map<String, Object> registers = new HashMap<>(context(PORT).options());
        registers.put("data-type", "register");
        ClientContext ctx = context(PORT);
        assertThrows(IllegalArgumentException.class, () -> new ListAppendClientFactory().open(
                new ClientContext(ctx.vertx(), ctx.runId(), ctx.node(), ctx.nodes(), ctx.dataAddress(), registers)));
        Client client = new ListAppendClientFactory().open(ctx);
        try {
            Future<Completion> read = client.invoke(new Invocation(0, "read", 1L, null));
            read.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
            assertTrue(read.failed() && read.cause() instanceof IllegalArgumentException, String.valueOf(read.cause()));
        } finally {
            client.close();
        }
    }

    @Test
    void appendsAreReadInOrderAndATxnSeesItsOwn() throws Exception {
        assumeServer();
        Client client = new ListAppendClientFactory().open(context(PORT));
        try {
            long x = base, y = base + 1;
            Completion first = invoke(client, List.of(Arrays.asList("r", x, null), List.of("append", x, 1L), Arrays.asList("r", x, null)));
            assertEquals(OpType.OK, first.type(), first.toString());
            assertEquals(List.of(List.of("r", x, List.of()), List.of("append", x, 1L), List.of("r", x, List.of(1L))), first.value());
            invoke(client, List.of(List.of("append", x, 2L), List.of("append", y, 1L)));
            Completion read = invoke(client, List.of(Arrays.asList("r", x, null), Arrays.asList("r", y, null)));
            assertEquals(List.of(List.of("r", x, List.of(1L, 2L)), List.of("r", y, List.of(1L))), read.value());
        } finally {
            client.close();
        }
    }

    /**
     * Clients racing read-then-append on one key: serializable isolation lets only some commit (the rest fail with
     * 40001 or 40P01), and the list ends holding exactly the appends that committed, each read a prefix of it.
     */
    @Test
    void racingTxnsCommitSeriallyOrFail() throws Exception {
        assumeServer();
        long key = base + 2;
        int clients = 4, txnsEach = 25;
        List<Client> open = new ArrayList<>();
        for (int i = 0; i < clients; i++) open.add(new ListAppendClientFactory().open(context(PORT)));
        try {
            List<Future<Completion>> all = new ArrayList<>();
            for (int t = 0; t < txnsEach; t++) {
                for (int i = 0; i < clients; i++) {
                    long value = (long) t * clients + i + 1;
                    all.add(open.get(i).invoke(new Invocation(i, "txn", null, List.of(Arrays.asList("r", key, null), List.of("append", key, value)))));
                }
            }
            Future.join(all).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            List<Long> committed = new ArrayList<>();
            List<List<?>> reads = new ArrayList<>();
            int failed = 0;
            for (Future<Completion> f : all) {
                Completion c = f.result();
                List<?> mops = (List<?>) c.value();
                if (c.type() == OpType.OK) {
                    committed.add((Long) ((List<?>) mops.get(1)).get(2));
                    reads.add((List<?>) ((List<?>) mops.get(0)).get(2));
                } else {
                    assertEquals(OpType.FAIL, c.type(), c.toString());
                    assertTrue(c.error().endsWith("[40001]") || c.error().endsWith("[40P01]"), c.error());
                    failed++;
                }
            }
            List<?> last = (List<?>) ((List<?>) ((List<?>) invoke(open.get(0), List.of(Arrays.asList("r", key, null))).value()).get(0)).get(2);
            assertEquals(committed.size(), last.size(), "committed " + committed + ", list " + last);
            assertTrue(last.containsAll(committed), "committed " + committed + ", list " + last);
            for (List<?> r : reads) assertEquals(last.subList(0, r.size()), r);
            assertTrue(committed.size() + failed == clients * txnsEach);
        } finally {
            for (Client c : open) c.close();
        }
    }

    private static void assumeServer() {
        Assumptions.assumeTrue(unreachable == null, () -> "skipped: " + unreachable);
    }

    private static Completion invoke(Client client, List<?> mops) throws Exception {
        return client.invoke(new Invocation(0, "txn", null, mops)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ClientContext context(int port) {
        Map<String, Object> options = Map.of("port", port, "user", env("PGUSER", "postgres"), "password", env("PGPASSWORD", "faultline"),
                "database", env("PGDATABASE", "postgres"), "timeout-ms", 5000, "data-type", "list");
        return new ClientContext(vertx, "test", "n1", List.of(HOST), null, options);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
