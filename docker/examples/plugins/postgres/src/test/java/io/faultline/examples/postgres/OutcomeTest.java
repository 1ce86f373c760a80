package io.faultline.examples.postgres;

import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutcomeTest {
    private static final List<Long> CAS = List.of(1L, 2L);
    private static final List<Object> TXN = List.of(List.of("append", 1L, 2L));

    @Test
    void refusedBeforeSendingFails() {
        PSQLException refused = new PSQLException("Connection to n1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertEquals(OpType.FAIL, Outcome.of("cas", CAS, refused, false).type());
    }

    @Test
    void aLostConnectionOrTimeoutAfterSendingIsInfo() {
        PSQLException lost = new PSQLException("An I/O error occurred while sending to the backend", PSQLState.CONNECTION_FAILURE);
        assertEquals(OpType.INFO, Outcome.of("write", 3L, lost, true).type());
        assertEquals(OpType.INFO, Outcome.of("cas", CAS, new SocketTimeoutException("Read timed out"), true).type());
    }

    @Test
    void serializationFailuresAndDeadlocksFail() {
        assertEquals(OpType.FAIL, Outcome.of("cas", CAS, new SQLException("could not serialize access", "40001"), true).type());
        assertEquals(OpType.FAIL, Outcome.of("write", 3L, new SQLException("deadlock detected", "40P01"), true).type());
    }

    @Test
    void aReadThatErrsFailsWhateverHappened() {
        assertEquals(OpType.FAIL, Outcome.of("read", null, new SocketTimeoutException("Read timed out"), true).type());
    }

    @Test
    void aTxnErringBeforeItsCommitFails() {
        PSQLException lost = new PSQLException("An I/O error occurred while sending to the backend", PSQLState.CONNECTION_FAILURE);
        assertEquals(OpType.FAIL, Outcome.of(true, TXN, lost, false).type());
    }

    @Test
    void aCommitLostOrTimedOutIsInfoButASerializationFailureFails() {
        assertEquals(OpType.INFO, Outcome.of(true, TXN, new SocketTimeoutException("Read timed out"), true).type());
        assertEquals(OpType.FAIL, Outcome.of(true, TXN, new SQLException("could not serialize access", "40001"), true).type());
    }

    @Test
    void aTxnOfReadsFailsWhateverHappenedToItsCommit() {
        assertEquals(OpType.FAIL, Outcome.of(false, TXN, new SocketTimeoutException("Read timed out"), true).type());
    }
}
