package io.faultline.checker.linearizable;

import java.util.Arrays;
import java.util.Objects;

/**
 * The memo of WGL: configurations (set of linearized operations, model state) already explored. Open
 * addressing over parallel arrays; the caller passes the Zobrist hash of the set so nothing is rehashed or
 * copied unless the configuration is new.
 */
final class StateCache {
    private long[] hashes;
    private long[][] sets;
    private Object[] states;
    private int size;

    /** Sized for a search that linearizes each of {@code operations} a few times without growing. */
    StateCache(int operations) {
        int capacity = Integer.highestOneBit(Math.max(64, Math.min(operations, 1 << 20) * 8) - 1) << 1;
        hashes = new long[capacity];
        sets = new long[capacity][];
        states = new Object[capacity];
    }

    /** Adds the configuration; false if it was already there (so exploring it again is pointless). */
    boolean add(long setHash, Object state, long[] set) {
        long hash = setHash ^ (Objects.hashCode(state) * 0x9E3779B97F4A7C15L);
        int mask = sets.length - 1;
        int i = spread(hash) & mask;
        long[] existing;
        while ((existing = sets[i]) != null) {
            if (hashes[i] == hash && Objects.equals(states[i], state) && Arrays.equals(existing, set)) return false;
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        sets[i] = set.clone();
        states[i] = state;
        if (++size * 2 > sets.length) grow();
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[][] oldSets = sets;
        Object[] oldStates = states;
        hashes = new long[oldSets.length * 2];
        sets = new long[oldSets.length * 2][];
        states = new Object[oldSets.length * 2];
        int mask = sets.length - 1;
        for (int j = 0; j < oldSets.length; j++) {
            if (oldSets[j] == null) continue;
            int i = spread(oldHashes[j]) & mask;
            while (sets[i] != null) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            sets[i] = oldSets[j];
            states[i] = oldStates[j];
        }
    }

    private static int spread(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
