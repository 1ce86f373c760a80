package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.faultline.checker.txn.DependencyGraph.RW;
import static io.faultline.checker.txn.DependencyGraph.WR;
import static io.faultline.checker.txn.DependencyGraph.WW;
import static io.faultline.checker.txn.TxnHistory.NIL;
import static io.faultline.checker.txn.TxnHistory.OK;
import static io.faultline.checker.txn.TxnHistory.READ;
import static io.faultline.checker.txn.TxnHistory.WRITE;

/**
 * Elle's rw-register inference, for histories whose writes are unique per key. A read names its writer (wr). The
 * version order is only partly known: nil comes before every write, and a transaction that read v and then wrote w
 * puts v before w (writes follow reads). Known pairs give ww edges, and a read of v an rw edge to the writer of each
 * version known to follow v.
 */
final class RwRegisterInference extends Inference {
    private record Version(int key, long value) {
    }

    /** The versions known to follow each version directly, nil's excepted (nil precedes them all). */
    private final Map<Version, Set<Long>> next = new HashMap<>();
    private final Map<Integer, List<Integer>> writersOfKey = new HashMap<>();

    RwRegisterInference(TxnHistory h) {
        super(h);
    }

    @Override
    void addDataEdges(DependencyGraph g) {
        next.clear();
        writersOfKey.clear();
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] == TxnHistory.FAIL) continue;
            Set<Integer> keys = new HashSet<>();
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (h.mopKind[m] == WRITE && keys.add(h.mopKey[m])) writersOfKey.computeIfAbsent(h.mopKey[m], k -> new ArrayList<>()).add(t);
            }
            if (h.status[t] != OK) continue;
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (!isExternalRead(t, m)) continue;
                long w = finalWrite(t, h.mopKey[m]);
                if (w != NIL && h.mopValue[m] != NIL && w != h.mopValue[m]) {
                    next.computeIfAbsent(new Version(h.mopKey[m], h.mopValue[m]), v -> new HashSet<>()).add(w);
                }
            }
        }
        next.forEach((from, successors) -> {
            int a = h.writers.writer(from.key(), from.value());
            for (long v : successors) {
                int b = h.writers.writer(from.key(), v);
                if (committed(a) && committed(b) && a != b) g.add(a, b, WW);
            }
        });
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] != OK) continue;
            for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
                if (!isExternalRead(t, m)) continue;
                int k = h.mopKey[m];
                long v = h.mopValue[m];
                if (v == NIL) {
                    for (int w : writersOfKey.getOrDefault(k, List.of())) if (w != t) g.add(t, w, RW);
                    continue;
                }
                int w = h.writers.writer(k, v);
                if (w == KeyValueIndex.ABSENT) {
                    // Elle's name and Elle's rule: a register value no write in the history produced rules out no model
                    // (its version-order test holds an excerpt with such reads valid), so it is shown, never a verdict.
                    report("garbage-versions", caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + value(v) + ", which no transaction wrote"));
                    continue;
                }
                if (h.status[w] == TxnHistory.FAIL) {
                    Map<String, Object> c = caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + value(v) + ", written by T" + (w + 1) + ", which failed");
                    c.put("writer", h.describe(w));
                    report("G1a", c);
                    continue;
                }
                if (w == t) continue;
                if (finalWrite(w, k) != v) {
                    Map<String, Object> c = caseOf(t, "T" + (t + 1) + " read " + key(k) + " = " + value(v) + ", which T" + (w + 1)
                            + " overwrote with " + value(finalWrite(w, k)) + " in the same transaction");
                    c.put("writer", h.describe(w));
                    report("G1b", c);
                }
                g.add(w, t, WR);
                for (long later : next.getOrDefault(new Version(k, v), Set.of())) {
                    int b = h.writers.writer(k, later);
                    if (committed(b) && b != t) g.add(t, b, RW);
                }
            }
        }
    }

    /** A read of a key the transaction has not written before it: what it shows came from another transaction. */
    private boolean isExternalRead(int t, int m) {
        if (h.mopKind[m] != READ) return false;
        for (int j = h.mopStart[t]; j < m; j++) {
            if (h.mopKey[j] == h.mopKey[m]) return false;
        }
        return true;
    }

    private long finalWrite(int t, int k) {
        long last = NIL;
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
            if (h.mopKind[m] == WRITE && h.mopKey[m] == k) last = h.mopValue[m];
        }
        return last;
    }

    @Override
    String explain(int a, int b, byte type) {
        int[] found = find(a, b, type);
        if (found == null) return "T" + (a + 1) + " < T" + (b + 1) + " (" + DependencyGraph.typeName(type) + ")";
        int k = found[0];
        long va = h.mopValue[found[1]];
        long vb = h.mopValue[found[2]];
        return switch (type) {
            case WW -> "T" + (b + 1) + " read " + key(k) + " = " + value(va) + ", which T" + (a + 1) + " wrote, then wrote " + value(vb) + ", so "
                    + value(va) + " precedes " + value(vb) + " and T" + (a + 1) + " < T" + (b + 1);
            case WR -> "T" + (b + 1) + " read " + key(k) + " = " + value(vb) + ", which T" + (a + 1) + " wrote, so T" + (a + 1) + " < T" + (b + 1);
            default -> "T" + (a + 1) + " read " + key(k) + " = " + (va == NIL ? "nil, the initial state," : value(va) + ",")
                    + " and T" + (b + 1) + "'s write of " + value(vb) + " comes after it, so T" + (a + 1) + " < T" + (b + 1);
        };
    }

    @Override
    boolean justifies(int a, int ma, int b, int mb, int k, byte type) {
        long va = h.mopValue[ma];
        long vb = h.mopValue[mb];
        if (type == WW && h.mopKind[ma] == WRITE && h.mopKind[mb] == WRITE) {
            return va == finalWrite(a, k) && vb == finalWrite(b, k) && next.getOrDefault(new Version(k, va), Set.of()).contains(vb);
        }
        if (type == WR && h.mopKind[ma] == WRITE && h.mopKind[mb] == READ) return va == vb;
        if (type == RW && h.mopKind[ma] == READ && h.mopKind[mb] == WRITE) {
            return isExternalRead(a, ma) && (va == NIL || next.getOrDefault(new Version(k, va), Set.of()).contains(vb));
        }
        return false;
    }
}
