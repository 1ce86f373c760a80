package io.faultline.examples.postgres;

import io.faultline.spi.Client;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A register per key, one row in {@code registers} each, read, written and compare-and-set with single
 * statements at serializable isolation, each on the client's own {@link JdbcSession}.
 */
final class PostgresClient implements Client {
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS registers (id text PRIMARY KEY, val bigint NOT NULL)";

    private final JdbcSession session;

    PostgresClient(Vertx vertx, JdbcTarget target) {
        this.session = new JdbcSession(vertx, target, CREATE, true, "postgres-client");
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
        Object value = normalized(op);
        Connection c;
        try {
            c = session.connection();
        } catch (SQLException e) {
            return Outcome.of(op.f(), value, e, false);
        }
        try {
            return run(c, op.f(), String.valueOf(op.key()), value);
        } catch (SQLException e) {
            if (Outcome.connectionBroken(e)) session.drop();
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
            default -> throw new IllegalArgumentException("the postgres client knows f read, write, cas; found '" + op.f() + "'"
                    + (op.f().equals("txn") ? " (list-append transactions: client postgres-list-append)" : ""));
        }
    }

    private static Long asLong(Object value, String rule) {
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) return n.longValue();
        throw new IllegalArgumentException(rule + ", found " + value);
    }
}
