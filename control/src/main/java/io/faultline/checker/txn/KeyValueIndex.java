package io.faultline.checker.txn;

import java.util.Arrays;

/**
 * An open-addressing map from (key id, value) to two ints, the writer of that value and its position in the key's
 * version order, in flat arrays: histories write millions of values, and a boxed map would cost ten times the memory.
 */
final class KeyValueIndex {
    static final int ABSENT = -1;

    private int[] keys;
    private long[] values;
    private int[] writers;
    private int[] positions;
    private int size;
    private int mask;

    KeyValueIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        Arrays.fill(keys, -1);
        values = new long[capacity];
        writers = new int[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
    }

    private int slot(int key, long value) {
        long h = value * 0x9E3779B97F4A7C15L + key * 0xC2B2AE3D27D4EB4FL;
        int i = (int) (h ^ (h >>> 29)) & mask;
        while (keys[i] != -1 && (keys[i] != key || values[i] != value)) i = (i + 1) & mask;
        return i;
    }

    /** Records the writer of (key, value); returns the writer recorded before, or {@link #ABSENT}. */
    int putWriter(int key, long value, int writer) {
        int i = slot(key, value);
        if (keys[i] != -1) return writers[i];
        keys[i] = key;
        values[i] = value;
        writers[i] = writer;
        positions[i] = ABSENT;
        if (++size * 2 > keys.length) grow();
        return ABSENT;
    }

    int writer(int key, long value) {
        int i = slot(key, value);
        return keys[i] == -1 ? ABSENT : writers[i];
    }

    int position(int key, long value) {
        int i = slot(key, value);
        return keys[i] == -1 ? ABSENT : positions[i];
    }

    /** Sets the position of (key, value), adding it without a writer when nobody wrote it; returns the position before. */
    int setPosition(int key, long value, int position) {
        int i = slot(key, value);
        if (keys[i] == -1) {
            keys[i] = key;
            values[i] = value;
            writers[i] = ABSENT;
            positions[i] = position;
            if (++size * 2 > keys.length) grow();
            return ABSENT;
        }
        int before = positions[i];
        if (before == ABSENT) positions[i] = position;
        return before;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        int[] oldWriters = writers;
        int[] oldPositions = positions;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == -1) continue;
            int i = slot(oldKeys[j], oldValues[j]);
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
            writers[i] = oldWriters[j];
            positions[i] = oldPositions[j];
        }
    }
}
