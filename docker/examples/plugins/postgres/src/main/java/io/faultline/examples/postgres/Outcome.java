package io.faultline.examples.postgres;

import io.faultline.spi.Completion;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Set;

/**
 * What an error means for an operation, as Jepsen's clients decide it: refused before the statement was sent
 * (no connection to a primary) means it did not happen; a serialization failure or deadlock (SQLSTATE 40001,
 * 40P01) means PostgreSQL rolled it back; a timeout or a connection lost after sending means nobody knows. A read
 * changes nothing, so it fails whatever happened. A transaction is sent when its COMMIT is: PostgreSQL rolls back
 * whatever was begun and never committed, connection lost or not.
 */
final class Outcome {
    /** The transaction was rolled back: it did not happen. */
    static final Set<String> ROLLED_BACK = Set.of("40001", "40P01");
    /** The server refused it before running it: read-only (a demoted primary), cannot connect now. */
    static final Set<String> NOT_RUN = Set.of("25006", "57P03", "08001", "08004");

    private Outcome() {
    }

    /** @param sent whether the statement may have reached the server (false: failed while connecting) */
    static Completion of(String f, Object value, Throwable error, boolean sent) {
        return of(!f.equals("read"), value, error, sent);
    }

    /**
     * @param writes whether the operation would change anything (a read, or a transaction of reads only, does not)
     * @param sent   whether what makes it take effect may have reached the server: the statement, or a transaction's
     *               COMMIT (an error before the COMMIT leaves the transaction to be rolled back)
     */
    static Completion of(boolean writes, Object value, Throwable error, boolean sent) {
        String message = describe(error);
        if (!sent || !writes) return Completion.fail(value, message);
        String state = error instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && (ROLLED_BACK.contains(state) || NOT_RUN.contains(state))) return Completion.fail(value, message);
        return Completion.info(value, message);
    }

    /** Whether the connection is to be dropped and made again for the next operation. */
    static boolean connectionBroken(Throwable error) {
        if (error instanceof SocketTimeoutException) return true;
        String state = error instanceof SQLException sql ? sql.getSQLState() : null;
        return state == null || state.startsWith("08") || state.startsWith("57") || state.equals("25006");
    }

    static String describe(Throwable error) {
        String state = error instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().lines().findFirst().orElse("");
        return message + state;
    }
}
