package io.faultline.examples.postgres;

import io.faultline.spi.Completion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One client's connection to the current primary and the thread it is used on. JDBC blocks, so every client has a
 * thread of its own: operations of one client stay in order, and a hung one never holds up another client or the
 * agent's event loop. The connection is made when first needed, at serializable isolation, with the client's table
 * in place, and made again after {@link #drop()}.
 */
final class JdbcSession {
    private static final Driver DRIVER = new org.postgresql.Driver();

    private final Vertx vertx;
    private final JdbcTarget target;
    private final String createTable;
    private final boolean autoCommit;
    private final ExecutorService thread;
    private Connection connection;

    /** @param autoCommit true for single statements, false for transactions the client commits itself */
    JdbcSession(Vertx vertx, JdbcTarget target, String createTable, boolean autoCommit, String threadName) {
        this.vertx = vertx;
        this.target = target;
        this.createTable = createTable;
        this.autoCommit = autoCommit;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Performs an operation on this session's thread, completing on the caller's context. An operation that throws
     * (an unknown f, a malformed value) fails the future, so the agent reports it rather than waiting for a timeout.
     */
    Future<Completion> submit(Supplier<Completion> operation) {
        Context context = vertx.getOrCreateContext();
        Promise<Completion> done = Promise.promise();
        thread.execute(() -> {
            try {
                Completion completion = operation.get();
                context.runOnContext(v -> done.complete(completion));
            } catch (RuntimeException e) {
                context.runOnContext(v -> done.fail(e));
            }
        });
        return done.future();
    }

    Future<Void> close() {
        thread.execute(this::drop);
        thread.shutdown();
        return Future.succeededFuture();
    }

    /** The connection to the current primary; call on this session's thread. */
    Connection connection() throws SQLException {
        if (connection != null) return connection;
        // The driver itself, not DriverManager: DriverManager only hands out drivers the system class loader sees, and a
        // plugin's are in the plugin's own loader.
        Connection c = DRIVER.connect(target.url(), target.properties());
        if (c == null) throw new SQLException("the PostgreSQL driver does not take the URL " + target.url(), "08001");
        try {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement s = c.createStatement()) {
                s.execute(createTable);
            } catch (SQLException e) {
                // Clients create the table at once: the loser of that race sees the winner's table (or type) as a duplicate.
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) throw e;
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connection = c;
        return c;
    }

    /** Closes the connection, so the next operation connects again (to whichever node is primary then). */
    void drop() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection fails too; it is gone either way.
        }
        connection = null;
    }
}
