package io.faultline.examples.postgres;

import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A register per key, one row in {@code registers} each, read, written and compare-and-set with single
 * statements at serializable isolation. JDBC blocks, so every client has a thread of its own: operations of one
 * client stay in order, and a hung one never holds up another client or the agent's event loop.
 */
final class PostgresClient implements Client {
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS registers (id text PRIMARY KEY, val bigint NOT NULL)";

    private static final Driver DRIVER = new org.postgresql.Driver();

    private final Vertx vertx;
    private final JdbcTarget target;
    private final ExecutorService thread;
    private Connection connection;

    PostgresClient(Vertx vertx, JdbcTarget target) {
        this.vertx = vertx;
        this.target = target;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "postgres-client");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Future<Completion> invoke(Invocation invocation) {
        Context context = vertx.getOrCreateContext();
        Promise<Completion> done = Promise.promise();
        thread.execute(() -> {
            Completion completion = perform(invocation);
            context.runOnContext(v -> done.complete(completion));
        });
        return done.future();
    }

    @Override
    public Future<Void> close() {
        thread.execute(this::disconnect);
        thread.shutdown();
        return Future.succeededFuture();
    }

    private Completion perform(Invocation op) {
        Object value = normalized(op);
        Connection c;
        try {
            c = connect();
        } catch (SQLException e) {
            return Outcome.of(op.f(), value, e, false);
        }
        try {
            return run(c, op.f(), String.valueOf(op.key()), value);
        } catch (SQLException e) {
            if (Outcome.connectionBroken(e)) disconnect();
            return Outcome.of(op.f(), value, e, true);
        }
    }

    private static Completion run(Connection c, String f, String key, Object value) throws SQLException {
        switch (f) {
            case "read" -> {
                try (PreparedStatement s = c.prepareStatement("SELECT val FROM registers WHERE id = ?")) {
                    s.setString(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                        return Completion.ok(rs.next() ? rs.getLong(1) : null);
                    }
                }
            }
            case "write" -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO registers (id, val) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET val = EXCLUDED.val")) {
                    s.setString(1, key);
                    s.setLong(2, (Long) value);
                    s.executeUpdate();
                    return Completion.ok(value);
                }
            }
            case "cas" -> {
                List<?> fromTo = (List<?>) value;
                try (PreparedStatement s = c.prepareStatement("UPDATE registers SET val = ? WHERE id = ? AND val = ?")) {
                    s.setLong(1, (Long) fromTo.get(1));
                    s.setString(2, key);
                    s.setLong(3, (Long) fromTo.get(0));
                    return s.executeUpdate() == 1 ? Completion.ok(value) : Completion.compareFailed(value);
                }
            }
            default -> throw new IllegalStateException("unreachable: f is checked in normalized");
        }
    }

    /** Integers as Long, whether they came from JSON or Java; refuses what this client cannot do. */
    private static Object normalized(Invocation op) {
        switch (op.f()) {
            case "read" -> {
                return null;
            }
            case "write" -> {
                return asLong(op.value(), "write needs an integer value");
            }
            case "cas" -> {
                if (op.value() instanceof List<?> list && list.size() == 2) {
                    return List.of(asLong(list.get(0), "cas needs [from to] integers"), asLong(list.get(1), "cas needs [from to] integers"));
                }
                throw new IllegalArgumentException("cas needs a value [from to], found " + op.value());
            }
            default -> throw new IllegalArgumentException("the postgres client knows f read, write, cas; found '" + op.f() + "'");
        }
    }

    private static Long asLong(Object value, String rule) {
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) return n.longValue();
        throw new IllegalArgumentException(rule + ", found " + value);
    }

    /** Connects to the current primary, at serializable isolation, with the table in place. */
    private Connection connect() throws SQLException {
        if (connection != null) return connection;
        // The driver itself, not DriverManager: DriverManager only hands out drivers the system class loader sees, and a
        // plugin's are in the plugin's own loader.
        Connection c = DRIVER.connect(target.url(), target.properties());
        if (c == null) throw new SQLException("the PostgreSQL driver does not take the URL " + target.url(), "08001");
        try {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement s = c.createStatement()) {
                s.execute(CREATE);
            } catch (SQLException e) {
                // Clients create the table at once: the loser of that race sees the winner's table (or type) as a duplicate.
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) throw e;
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c;
        return c;
    }

    private void disconnect() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection fails too; it is gone either way.
        }
        connection = null;
    }
}
