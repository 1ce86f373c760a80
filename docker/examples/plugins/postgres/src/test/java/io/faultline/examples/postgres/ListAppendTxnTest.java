package io.faultline.examples.postgres;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListAppendTxnTest {

    @Test
    void completedTxnsTakeTheEtcdClientsShapes() {
        // As the workload invokes it: keys and values longs, reads nil.
        ListAppendTxn txn = ListAppendTxn.parse(List.of(List.of("append", 0L, 1L), Arrays.asList("r", 1L, null), Arrays.asList("r", 0L, null)));
        List<Object> ok = txn.completed(Arrays.asList(null, List.of(1L)));
        // The etcd client: ["append", k, v] as invoked, ["r", k, list] with [] for a key never appended to.
        assertEquals(List.of(List.of("append", 0L, 1L), List.of("r", 1L, List.of()), List.of("r", 0L, List.of(1L))), ok);
    }

    @Test
    void integersFromJsonBecomeLongs() {
        ListAppendTxn txn = ListAppendTxn.parse(List.of(List.of("append", 3, 7), Arrays.asList("r", 3, null)));
        assertEquals(List.of(List.of("append", 3L, 7L), List.of("r", 3L, List.of(7L))), txn.completed(List.of(List.of(7L))));
        assertEquals(Long.class, txn.mops().get(0).value().getClass());
    }

    @Test
    void aFailOrInfoCarriesTheTxnAsInvoked() {
        ListAppendTxn txn = ListAppendTxn.parse(List.of(Arrays.asList("r", 2L, null), List.of("append", 2L, 5L)));
        assertEquals(List.of(Arrays.asList("r", 2L, null), Arrays.asList("append", 2L, 5L)), txn.invoked());
    }

    @Test
    void onlyATxnOfReadsIsReadOnly() {
        assertTrue(ListAppendTxn.parse(List.of(Arrays.asList("r", 1L, null), Arrays.asList("r", 2L, null))).readOnly());
        assertFalse(ListAppendTxn.parse(List.of(Arrays.asList("r", 1L, null), List.of("append", 2L, 1L))).readOnly());
    }

    @Test
    void refusesWhatIsNotListAppend() {
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(5L));
        IllegalArgumentException write = assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of(List.of("w", 1L, 2L))));
        assertTrue(write.getMessage().contains("append to them"), write.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of(List.of("append", "x", 2L))));
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of(List.of("append", 1L, 2.5))));
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of(List.of("r", 1L, List.of()))));
        assertThrows(IllegalArgumentException.class, () -> ListAppendTxn.parse(List.of(List.of("append", 1L))));
    }

    @Test
    void aBigintArrayIsReadAsItsElementsInOrder() {
        assertEquals(List.of(3L, 1L, 2L), ListAppendTxn.elements(new Long[]{3L, 1L, 2L}));
        assertNull(ListAppendTxn.elements(null));
        assertThrows(IllegalStateException.class, () -> ListAppendTxn.elements(new Long[]{1L, null}));
        assertThrows(IllegalStateException.class, () -> ListAppendTxn.elements(new String[]{"1"}));
    }

    @Test
    void readResultsMustMatchTheReads() {
        ListAppendTxn txn = ListAppendTxn.parse(List.of(Arrays.asList("r", 1L, null)));
        assertThrows(IllegalArgumentException.class, () -> txn.completed(List.of()));
    }
}
