package io.faultline.checker.linearizable;

import java.util.Arrays;
import java.util.Objects;

/**
 * The memo of WGL: configurations (set of linearized operations, model state) already explored. Open
 * addressing over parallel arrays. A set is stored as its signature (see {@link LinearizedSet}), which is
 * short however long the history is; the caller passes the set's Zobrist hash, so nothing is copied unless
 * the configuration is new.
 */
final class StateCache {
    private long[] hashes;
    private int[][] signatures;
    private Object[] states;
    private int size;

    /** Sized for a search that linearizes each of {@code operations} a few times without growing. */
    StateCache(int operations) {
        int capacity = Integer.highestOneBit(Math.max(64, Math.min(operations, 1 << 20) * 4) - 1) << 1;
        hashes = new long[capacity];
        signatures = new int[capacity][];
        states = new Object[capacity];
    }

    /** Adds the configuration; false if it was already there (so exploring it again is pointless). */
    boolean add(long setHash, Object state, LinearizedSet set) {
        long hash = setHash ^ (Objects.hashCode(state) * 0x9E3779B97F4A7C15L);
        int mask = signatures.length - 1;
        int i = spread(hash) & mask;
        int[] existing;
        while ((existing = signatures[i]) != null) {
            if (hashes[i] == hash && set.hasSignature(existing) && Objects.equals(states[i], state)) return false;
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        signatures[i] = set.signature();
        states[i] = state;
        if (++size * 2 > signatures.length) grow();
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[][] oldSignatures = signatures;
        Object[] oldStates = states;
        hashes = new long[oldSignatures.length * 2];
        signatures = new int[oldSignatures.length * 2][];
        states = new Object[oldSignatures.length * 2];
        int mask = signatures.length - 1;
        for (int j = 0; j < oldSignatures.length; j++) {
            if (oldSignatures[j] == null) continue;
            int i = spread(oldHashes[j]) & mask;
            while (signatures[i] != null) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            signatures[i] = oldSignatures[j];
            states[i] = oldStates[j];
        }
        Arrays.fill(oldSignatures, null);
    }

    private static int spread(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
