package io.faultline.checker.linearizable;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The operations one search has linearized, with a signature that stays short however long the history is.
 *
 * <p>Operations are numbered so that the determinate ones come first, in the order of their returns, then
 * the indeterminate ones. WGL only passes a return once its operation is linearized, so the set is always
 * "every determinate operation below {@code floor}" plus a few more: those linearized early (concurrent with
 * the floor's operation) and the indeterminate ones used. The memo stores {floor, extras...}: a few ints per
 * configuration, where a bitset over the whole history would make memory grow with the square of its length.
 */
final class LinearizedSet {
    private final int determinate;
    private final long[] bits;
    private final long[] zobrist;
    private long hash;
    private int floor;
    private int[] extras = new int[16];
    private int extraCount;

    LinearizedSet(int operations, int determinate) {
        this.determinate = determinate;
        this.bits = new long[(operations + 63) >>> 6];
        this.zobrist = new long[operations];
        SplittableRandom random = new SplittableRandom(0x5EEDL);
        for (int i = 0; i < operations; i++) zobrist[i] = random.nextLong();
    }

    boolean contains(int op) {
        return (bits[op >>> 6] & (1L << op)) != 0;
    }

    /** The Zobrist hash of the set. */
    long hash() {
        return hash;
    }

    /** True when every determinate operation is in. */
    boolean complete() {
        return floor == determinate;
    }

    /** Adds {@code op}; returns what {@link #remove} needs to take it out again. */
    int add(int op) {
        bits[op >>> 6] |= 1L << op;
        hash ^= zobrist[op];
        int before = floor;
        if (op == floor) {
            floor++;
            int absorbed = 0;
            while (absorbed < extraCount && extras[absorbed] == floor && floor < determinate) {
                absorbed++;
                floor++;
            }
            System.arraycopy(extras, absorbed, extras, 0, extraCount - absorbed);
            extraCount -= absorbed;
        } else {
            if (extraCount == extras.length) extras = Arrays.copyOf(extras, extraCount * 2);
            int at = -Arrays.binarySearch(extras, 0, extraCount, op) - 1;
            System.arraycopy(extras, at, extras, at + 1, extraCount - at);
            extras[at] = op;
            extraCount++;
        }
        return before;
    }

    /** Takes out {@code op}, the last one added; {@code floorBefore} is what its {@link #add} returned. */
    void remove(int op, int floorBefore) {
        bits[op >>> 6] &= ~(1L << op);
        hash ^= zobrist[op];
        if (floor != floorBefore) {
            int back = floor - floorBefore - 1;
            if (extraCount + back > extras.length) extras = Arrays.copyOf(extras, Math.max(extras.length * 2, extraCount + back));
            System.arraycopy(extras, 0, extras, back, extraCount);
            for (int i = 0; i < back; i++) extras[i] = floorBefore + 1 + i;
            extraCount += back;
            floor = floorBefore;
        } else {
            int at = Arrays.binarySearch(extras, 0, extraCount, op);
            System.arraycopy(extras, at + 1, extras, at, extraCount - at - 1);
            extraCount--;
        }
    }

    int[] signature() {
        int[] s = new int[extraCount + 1];
        s[0] = floor;
        System.arraycopy(extras, 0, s, 1, extraCount);
        return s;
    }

    boolean hasSignature(int[] s) {
        return s.length == extraCount + 1 && s[0] == floor && Arrays.equals(s, 1, s.length, extras, 0, extraCount);
    }

    /** Bytes a stored signature takes, for the memory budget. */
    int signatureBytes() {
        return 16 + 4 * (extraCount + 1);
    }
}
