package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one data type lets us infer from a history: the data edges (ww, wr, rw) between transactions, the anomalies
 * visible without a cycle, and, for a reported cycle, the sentence that justifies each of its data edges.
 */
abstract class Inference {
    /** Cases shown per anomaly type; the count says how many there were. */
    static final int SHOWN = 8;

    final TxnHistory h;
    final Map<String, List<Map<String, Object>>> anomalies = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();

    Inference(TxnHistory h) {
        this.h = h;
    }

    static Inference of(TxnHistory h) {
        return h.kind == TxnHistory.Kind.LIST_APPEND ? new ListAppendInference(h) : new RwRegisterInference(h);
    }

    /** Adds the ww, wr and rw edges, and records the anomalies found on the way. */
    abstract void addDataEdges(DependencyGraph g);

    /** Why {@code a} precedes {@code b} by an edge of this type, in one sentence ending "so Ta < Tb". */
    abstract String explain(int a, int b, byte type);

    /** The key an edge is about, for the drawing's labels; null when none is found. */
    final Object edgeKey(int a, int b, byte type) {
        int[] found = find(a, b, type);
        return found == null ? null : h.keyName(found[0]);
    }

    /** The key and micro-ops {@code {k, ma, mb}} (of a, of b) behind an edge of this type; null when none is. */
    final int[] find(int a, int b, byte type) {
        for (int ma = h.mopStart[a]; ma < h.mopStart[a + 1]; ma++) {
            for (int mb = h.mopStart[b]; mb < h.mopStart[b + 1]; mb++) {
                int k = h.mopKey[ma];
                if (h.mopKey[mb] == k && justifies(a, ma, b, mb, k, type)) return new int[]{k, ma, mb};
            }
        }
        return null;
    }

    /** Whether micro-op {@code ma} of {@code a} and {@code mb} of {@code b}, both on key {@code k}, make this edge. */
    abstract boolean justifies(int a, int ma, int b, int mb, int k, byte type);

    void report(String anomaly, Map<String, Object> details) {
        int n = counts.merge(anomaly, 1, Integer::sum);
        if (n <= SHOWN) anomalies.computeIfAbsent(anomaly, x -> new ArrayList<>()).add(details);
    }

    Map<String, Object> caseOf(int t, String explanation) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("op", h.describe(t));
        c.put("explanation", explanation);
        return c;
    }

    boolean committed(int t) {
        return t >= 0 && h.status[t] != TxnHistory.FAIL;
    }

    String show(Object value) {
        return io.faultline.history.Values.show(value);
    }

    String key(int k) {
        return show(h.keyName(k));
    }

    String value(long v) {
        return show(h.valueName(v));
    }
}
