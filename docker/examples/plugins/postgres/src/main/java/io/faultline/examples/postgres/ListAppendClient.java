package io.faultline.examples.postgres;

import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Elle's list-append transactions, each one JDBC transaction at serializable isolation on the client's own
 * {@link JdbcSession}: a key is a row of {@code lists}, its list a {@code bigint[]}; an append is an upsert that
 * concatenates, a read a select. PostgreSQL's serializable isolation is what the checker's serializable and
 * strict-serializable models ask of it (repeatable read is snapshot isolation there, which allows write skew).
 *
 * <p>Until the COMMIT is sent nothing can have happened, so an error before it fails the transaction; an error on
 * the COMMIT is info unless PostgreSQL says it rolled back (40001, 40P01) or refused (25006, ...), as {@link Outcome}
 * decides. A transaction that only reads fails on any error.
 */
final class ListAppendClient implements Client {
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS lists (id bigint PRIMARY KEY, val bigint[] NOT NULL)";
    private static final String APPEND =
            "INSERT INTO lists (id, val) VALUES (?, ARRAY[?::bigint]) ON CONFLICT (id) DO UPDATE SET val = lists.val || EXCLUDED.val";
    private static final String READ = "SELECT val FROM lists WHERE id = ?";

    private final JdbcSession session;

    ListAppendClient(Vertx vertx, JdbcTarget target) {
        this.session = new JdbcSession(vertx, target, CREATE, false, "postgres-list-append-client");
    }

    @Override
    public Future<Completion> invoke(Invocation invocation) {
        return session.submit(() -> perform(invocation));
    }

    @Override
    public Future<Void> close() {
        return session.close();
    }

    private Completion perform(Invocation op) {
        if (!op.f().equals("txn")) {
            throw new IllegalArgumentException("the postgres-list-append client knows f txn (workload list-append); found '" + op.f() + "'");
        }
        ListAppendTxn txn = ListAppendTxn.parse(op.value());
        Connection c;
        try {
            c = session.connection();
        } catch (SQLException e) {
            return Outcome.of(!txn.readOnly(), txn.invoked(), e, false);
        }
        List<List<Long>> reads;
        try {
            reads = run(c, txn);
        } catch (SQLException e) {
            abandon(c, e);
            return Outcome.of(!txn.readOnly(), txn.invoked(), e, false);
        } catch (RuntimeException e) {
            session.drop();
            throw e;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            abandon(c, e);
            return Outcome.of(!txn.readOnly(), txn.invoked(), e, true);
        }
        return Completion.ok(txn.completed(reads));
    }

    /** Runs the micro-ops in order, inside the transaction the driver begins with the first; returns what each read saw. */
    private static List<List<Long>> run(Connection c, ListAppendTxn txn) throws SQLException {
        List<List<Long>> reads = new ArrayList<>();
        try (PreparedStatement append = c.prepareStatement(APPEND); PreparedStatement read = c.prepareStatement(READ)) {
            for (ListAppendTxn.Mop m : txn.mops()) {
                if (m.isRead()) {
                    read.setLong(1, m.key());
                    try (ResultSet rs = read.executeQuery()) {
                        reads.add(rs.next() ? elements(rs.getArray(1)) : null);
                    }
                } else {
                    append.setLong(1, m.key());
                    append.setLong(2, m.value());
                    append.executeUpdate();
                }
            }
        }
        return reads;
    }

    private static List<Long> elements(Array array) throws SQLException {
        if (array == null) return null;
        try {
            return ListAppendTxn.elements(array.getArray());
        } finally {
            array.free();
        }
    }

    /** Rolls back what is left of a transaction that erred, or drops a connection that broke. */
    private void abandon(Connection c, SQLException e) {
        if (Outcome.connectionBroken(e)) {
            session.drop();
            return;
        }
        try {
            c.rollback();
        } catch (SQLException again) {
            session.drop();
        }
    }
}
