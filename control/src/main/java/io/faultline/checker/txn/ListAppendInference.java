package io.faultline.checker.txn;

import java.util.Arrays;
import java.util.Map;

import static io.faultline.checker.txn.DependencyGraph.RW;
import static io.faultline.checker.txn.DependencyGraph.WR;
import static io.faultline.checker.txn.DependencyGraph.WW;
import static io.faultline.checker.txn.TxnHistory.APPEND;
import static io.faultline.checker.txn.TxnHistory.FAIL;
import static io.faultline.checker.txn.TxnHistory.OK;
import static io.faultline.checker.txn.TxnHistory.READ;

/**
 * Elle's list-append inference. Each key's version order is its longest read (reads that are not prefixes of it are
 * incompatible-order); consecutive appends in it give ww edges, the writer of a read's last element a wr edge, and
 * the writer of the element after a read's end an rw edge.
 */
final class ListAppendInference extends Inference {
    private final KeyValueIndex index;

    ListAppendInference(TxnHistory h) {
        super(h);
        this.index = h.writers;
    }

    @Override
    void addDataEdges(DependencyGraph g) {
        int keys = h.keyNames.size();
        int[] duplicateAt = new int[keys];
        int[] garbageAt = new int[keys];
        int[] failedAt = new int[keys];
        for (int k = 0; k < keys; k++) {
            duplicateAt[k] = garbageAt[k] = failedAt[k] = Integer.MAX_VALUE;
            long[] order = h.order[k];
            int n = h.orderLength[k];
            for (int i = 0; i < n; i++) {
                long v = order[i];
                // A position already set to i is this check's own, from an earlier check of the same history.
                int before = index.setPosition(k, v, i);
                if (before != KeyValueIndex.ABSENT && before != i && duplicateAt[k] == Integer.MAX_VALUE) duplicateAt[k] = i;
                int w = index.writer(k, v);
                if (w == KeyValueIndex.ABSENT && garbageAt[k] == Integer.MAX_VALUE) garbageAt[k] = i;
                if (w != KeyValueIndex.ABSENT && h.status[w] == FAIL && failedAt[k] == Integer.MAX_VALUE) failedAt[k] = i;
                if (i > 0) {
                    int previous = index.writer(k, order[i - 1]);
                    if (committed(previous) && committed(w) && previous != w) g.add(previous, w, WW);
                }
            }
        }
        long[] unreadValue = unreadAppends(g);
        boolean[] shownKey = new boolean[keys * 3];
        int[] lastReader = new int[keys];
        Arrays.fill(lastReader, -1);
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] != OK) continue;
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (h.mopKind[m] != READ) continue;
                int k = h.mopKey[m];
                long packed = h.mopValue[m];
                int n = TxnHistory.readLength(packed);
                if (lastReader[k] < 0 || h.invokePos[t] > h.invokePos[lastReader[k]]) lastReader[k] = t;
                if (TxnHistory.isOffOrder(packed)) {
                    report("incompatible-order", incompatible(t, m, k, packed));
                    checkElementsOffOrder(t, m, k, packed);
                } else {
                    if (duplicateAt[k] < n && !shownKey[3 * k]) {
                        shownKey[3 * k] = true;
                        report("duplicate-elements", caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed))
                                + ", which holds " + value(h.order[k][duplicateAt[k]]) + " twice"));
                    }
                    if (garbageAt[k] < n && !shownKey[3 * k + 1]) {
                        shownKey[3 * k + 1] = true;
                        report("garbage-read", caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed)) + ", but no transaction appended "
                                + value(h.order[k][garbageAt[k]]) + " to " + key(k)));
                    }
                    if (failedAt[k] < n && !shownKey[3 * k + 2]) {
                        shownKey[3 * k + 2] = true;
                        long v = h.order[k][failedAt[k]];
                        report("G1a", aborted(t, k, packed, v));
                    }
                }
                if (n > 0) {
                    long last = h.readElement(k, packed, n - 1);
                    int w = index.writer(k, last);
                    if (committed(w) && w != t) {
                        if (lastAppend(w, k) != last) report("G1b", intermediate(t, k, packed, w, last));
                        g.add(w, t, WR);
                    }
                }
                if (!TxnHistory.isOffOrder(packed) && n <= h.orderLength[k]) {
                    int w = n < h.orderLength[k] ? index.writer(k, h.order[k][n])
                            : unreadValue[k] != TxnHistory.NIL ? index.writer(k, unreadValue[k]) : KeyValueIndex.ABSENT;
                    if (committed(w) && w != t) g.add(t, w, RW);
                }
            }
        }
        lostAppends(lastReader);
    }

    /**
     * A key's one append that no read shows must come after everything read (Elle infers the same): it extends the
     * order by one, with its ww edge. Returns that value per key, or NIL where there is none or more than one.
     */
    private long[] unreadAppends(DependencyGraph g) {
        int keys = h.keyNames.size();
        long[] unread = new long[keys];
        int[] count = new int[keys];
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] == FAIL) continue;
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (h.mopKind[m] != APPEND) continue;
                int k = h.mopKey[m];
                int p = index.position(k, h.mopValue[m]);
                if (p == KeyValueIndex.ABSENT || p >= h.orderLength[k]) {
                    count[k]++;
                    unread[k] = h.mopValue[m];
                }
            }
        }
        for (int k = 0; k < keys; k++) {
            if (count[k] != 1) {
                unread[k] = TxnHistory.NIL;
                continue;
            }
            int n = h.orderLength[k];
            index.setPosition(k, unread[k], n);
            if (n > 0) {
                int before = index.writer(k, h.order[k][n - 1]);
                int w = index.writer(k, unread[k]);
                if (committed(before) && before != w) g.add(before, w, WW);
            }
        }
        return unread;
    }

    /** Elements of a read off the order are checked one by one: it was kept whole, so this costs nothing on correct histories. */
    private void checkElementsOffOrder(int t, int m, int k, long packed) {
        int n = TxnHistory.readLength(packed);
        for (int i = 0; i < n; i++) {
            long v = h.readElement(k, packed, i);
            int w = index.writer(k, v);
            if (w == KeyValueIndex.ABSENT) {
                report("garbage-read", caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed))
                        + ", but no transaction appended " + value(v) + " to " + key(k)));
            } else if (h.status[w] == FAIL) {
                report("G1a", aborted(t, k, packed, v));
            }
            for (int j = 0; j < i; j++) {
                if (h.readElement(k, packed, j) == v) {
                    report("duplicate-elements", caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed))
                            + ", which holds " + value(v) + " twice"));
                }
            }
        }
    }

    private Map<String, Object> incompatible(int t, int m, int k, long packed) {
        Map<String, Object> c = caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed)) + ", which is not a prefix of "
                + show(h.readList(k, h.orderLength[k])) + ", read elsewhere: no single order of appends explains both");
        c.put("key", h.keyName(k));
        c.put("values", java.util.List.of(h.readList(k, packed), h.readList(k, h.orderLength[k])));
        return c;
    }

    private Map<String, Object> aborted(int t, int k, long packed, long v) {
        int w = index.writer(k, v);
        Map<String, Object> c = caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed)) + ", which holds "
                + value(v) + ", appended by T" + (w + 1) + ", which failed");
        c.put("writer", h.describe(w));
        return c;
    }

    private Map<String, Object> intermediate(int t, int k, long packed, int w, long last) {
        Map<String, Object> c = caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + show(h.readList(k, packed)) + ", ending in T" + (w + 1) + "'s append of "
                + value(last) + ", but T" + (w + 1) + " appended " + value(lastAppend(w, k)) + " to " + key(k) + " after it");
        c.put("writer", h.describe(w));
        return c;
    }

    private long lastAppend(int w, int k) {
        long last = TxnHistory.NIL;
        for (int m = h.mopStart[w]; m < h.mopStart[w + 1]; m++) {
            if (h.mopKind[m] == APPEND && h.mopKey[m] == k) last = h.mopValue[m];
        }
        return last;
    }

    /** An acknowledged append no read ever shows, though a read of its key began after it had committed. */
    private void lostAppends(int[] lastReader) {
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] != OK) continue;
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (h.mopKind[m] != APPEND) continue;
                int k = h.mopKey[m];
                int r = lastReader[k];
                if (r < 0 || r == t || index.position(k, h.mopValue[m]) != KeyValueIndex.ABSENT) continue;
                if (h.invokePos[r] > h.completePos[t]) {
                    Map<String, Object> c = caseOf(t, "T" + (t + 1) + " appended " + value(h.mopValue[m]) + " to " + key(k) + " and committed, but T" + (r + 1)
                            + ", invoked after that, read " + key(k) + " without it, and no read ever shows it");
                    c.put("reader", h.describe(r));
                    report("lost-append", c);
                }
            }
        }
    }

    @Override
    String explain(int a, int b, byte type) {
        int[] found = find(a, b, type);
        if (found == null) return "T" + (a + 1) + " < T" + (b + 1) + " (" + DependencyGraph.typeName(type) + ")";
        int k = found[0];
        int ma = found[1];
        int mb = found[2];
        return switch (type) {
            case WW -> "T" + (b + 1) + " appended " + value(h.mopValue[mb]) + " to " + key(k) + " right after T" + (a + 1) + "'s append of "
                    + value(h.mopValue[ma]) + " in " + key(k) + "'s order " + show(h.readList(k, h.orderLength[k])) + ", so T" + (a + 1) + " < T" + (b + 1);
            case WR -> "T" + (b + 1) + " read " + key(k) + " = " + show(h.readList(k, h.mopValue[mb])) + ", which T" + (a + 1) + "'s append of "
                    + value(h.mopValue[ma]) + " produced, so T" + (a + 1) + " < T" + (b + 1);
            default -> "T" + (a + 1) + " read " + key(k) + " = " + show(h.readList(k, h.mopValue[ma])) + ", which misses T" + (b + 1) + "'s append of "
                    + value(h.mopValue[mb]) + " (next in " + key(k) + "'s order), so T" + (a + 1) + " < T" + (b + 1);
        };
    }

    @Override
    boolean justifies(int a, int ma, int b, int mb, int k, byte type) {
        if (type == WW && h.mopKind[ma] == APPEND && h.mopKind[mb] == APPEND) {
            int pa = index.position(k, h.mopValue[ma]);
            int pb = index.position(k, h.mopValue[mb]);
            return pa >= 0 && pb == pa + 1;
        }
        if (type == WR && h.mopKind[ma] == APPEND && h.mopKind[mb] == READ) {
            int n = TxnHistory.readLength(h.mopValue[mb]);
            return n > 0 && h.readElement(k, h.mopValue[mb], n - 1) == h.mopValue[ma];
        }
        if (type == RW && h.mopKind[ma] == READ && h.mopKind[mb] == APPEND) {
            int n = TxnHistory.readLength(h.mopValue[ma]);
            return !TxnHistory.isOffOrder(h.mopValue[ma]) && index.position(k, h.mopValue[mb]) == n;
        }
        return false;
    }
}
