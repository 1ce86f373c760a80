package io.faultline.generator;

import io.faultline.history.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a generator sees when it is asked for an op: the time, which threads are free, which process each thread
 * runs, and which threads it may use at all ({@link #clientsOnly}, {@link #nemesisOnly}, {@link #onlyThread}).
 * Immutable: every change returns a new context.
 *
 * <p>The threads are the client threads {@code 0..concurrency-1} and the nemesis thread {@link #NEMESIS_THREAD}.
 * Client thread {@code t} runs process {@code t} at first, and after an {@code info} completion process
 * {@code process + concurrency} (Jepsen's rule: the outcome of an indeterminate op is never known, so its process
 * must never be reused). The nemesis thread always runs process {@link Op#NEMESIS}.
 *
 * <p>Thread order, which every list and every "lowest" here follows, puts the client threads first, ascending,
 * and the nemesis thread last, as Jepsen does: a generator that is not restricted to clients hands its ops to the
 * clients before the nemesis.
 */
public final class Context {
    public static final int NEMESIS_THREAD = -1;

    /**
     * What every context of a run shares: the number of client threads and the masks of the thread groups, built
     * once because generators restrict the context on every op.
     */
    private record Layout(int concurrency, long[] all, long[] clients, long[] nemesis) {
        static Layout of(int concurrency) {
            int slots = concurrency + 1;
            return new Layout(concurrency, maskOf(slots, 0, slots), maskOf(slots, 0, concurrency),
                    maskOf(slots, concurrency, slots));
        }
    }

    private final long time;
    private final int concurrency;
    private final Layout layout;
    // One bit per slot: client thread t is slot t, the nemesis thread slot concurrency.
    private final long[] free;
    private final long[] visible;
    private final int[] processBySlot;

    /**
     * Where the search for a free thread starts: just after the thread that last got an op. Work goes
     * round the threads, and so round the nodes, as Jepsen spreads it, rather than always to the lowest
     * free thread — which, with fast operations, would be the same one every time.
     */
    private final int cursor;

    private Context(long time, Layout layout, long[] free, long[] visible, int[] processBySlot, int cursor) {
        this.cursor = cursor;
        this.time = time;
        this.concurrency = layout.concurrency();
        this.layout = layout;
        this.free = free;
        this.visible = visible;
        this.processBySlot = processBySlot;
    }

    /** The context at the start of a run: time 0, every thread free and visible, thread t running process t. */
    public static Context initial(int concurrency) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        int slots = concurrency + 1;
        int[] processes = new int[slots];
        for (int t = 0; t < concurrency; t++) processes[t] = t;
        processes[concurrency] = Op.NEMESIS;
        Layout layout = Layout.of(concurrency);
        return new Context(0, layout, layout.all(), layout.all(), processes, 0);
    }

    public long time() {
        return time;
    }

    public int concurrency() {
        return concurrency;
    }

    public Context withTime(long newTime) {
        return newTime == time ? this : new Context(newTime, layout, free, visible, processBySlot, cursor);
    }

    public boolean isVisible(int thread) {
        return get(visible, slot(thread));
    }

    public boolean isFree(int thread) {
        return get(free, slot(thread));
    }

    /** Whether every visible thread is free: nothing this generator could be waiting for is running. */
    public boolean allFree() {
        for (int w = 0; w < visible.length; w++) {
            if ((visible[w] & ~free[w]) != 0) return false;
        }
        return true;
    }

    /** The next free visible thread after the last one busied, or empty when every visible thread is busy. */
    public OptionalInt someFreeThread() {
        int slot = nextFreeSlotFromCursor();
        return slot < 0 ? OptionalInt.empty() : OptionalInt.of(threadAt(slot));
    }

    /** The process of the next free visible thread after the last one busied, or empty when all are busy. */
    public OptionalInt someFreeProcess() {
        int slot = nextFreeSlotFromCursor();
        return slot < 0 ? OptionalInt.empty() : OptionalInt.of(processBySlot[slot]);
    }

    /** The free visible threads, in thread order. */
    public List<Integer> freeThreads() {
        List<Integer> threads = new ArrayList<>();
        for (int slot = nextFreeSlot(0); slot >= 0; slot = nextFreeSlot(slot + 1)) threads.add(threadAt(slot));
        return Collections.unmodifiableList(threads);
    }

    /** The processes of the free visible threads, in thread order. */
    public List<Integer> freeProcesses() {
        List<Integer> processes = new ArrayList<>();
        for (int slot = nextFreeSlot(0); slot >= 0; slot = nextFreeSlot(slot + 1)) processes.add(processBySlot[slot]);
        return Collections.unmodifiableList(processes);
    }

    /** The visible threads, free or busy, in thread order. */
    public List<Integer> allThreads() {
        List<Integer> threads = new ArrayList<>();
        for (int slot = 0; slot < slots(); slot++) {
            if (get(visible, slot)) threads.add(threadAt(slot));
        }
        return Collections.unmodifiableList(threads);
    }

    /** The process {@code thread} runs now. */
    public int process(int thread) {
        return processBySlot[slot(thread)];
    }

    /** The thread running {@code process} now, visible or not; empty for a retired or unknown process. */
    public OptionalInt thread(int process) {
        if (process == Op.NEMESIS) return OptionalInt.of(NEMESIS_THREAD);
        if (process < 0) return OptionalInt.empty();
        int t = process % concurrency;
        return processBySlot[t] == process ? OptionalInt.of(t) : OptionalInt.empty();
    }

    public Context busy(int thread) {
        return new Context(time, layout, with(free, slot(thread), false), visible, processBySlot, slot(thread) + 1);
    }

    public Context free(int thread) {
        return new Context(time, layout, with(free, slot(thread), true), visible, processBySlot, cursor);
    }

    /** The context after {@code thread}'s process got an {@code info}: a client thread moves on to a new process. */
    public Context withNextProcess(int thread) {
        int slot = slot(thread);
        if (thread == NEMESIS_THREAD) return this;
        int[] processes = processBySlot.clone();
        processes[slot] += concurrency;
        return new Context(time, layout, free, visible, processes, cursor);
    }

    /** This context with only the client threads visible (of those visible here). */
    public Context clientsOnly() {
        return restrictedTo(layout.clients());
    }

    /** This context with only the nemesis thread visible, if it is visible here. */
    public Context nemesisOnly() {
        return restrictedTo(layout.nemesis());
    }

    /** This context with only {@code thread} visible, if it is visible here. */
    public Context onlyThread(int thread) {
        int slot = slot(thread);
        return restrictedTo(maskOf(slots(), slot, slot + 1));
    }

    /** The number of threads, client and nemesis, visible or not. */
    int threadCount() {
        return slots();
    }

    /** A dense index for {@code thread}, in thread order: {@code 0..threadCount()-1}. */
    int slot(int thread) {
        if (thread == NEMESIS_THREAD) return concurrency;
        if (thread < 0 || thread >= concurrency) {
            throw new IllegalArgumentException("no thread " + thread + " with concurrency " + concurrency);
        }
        return thread;
    }

    private int threadAt(int slot) {
        return slot == concurrency ? NEMESIS_THREAD : slot;
    }

    private int slots() {
        return concurrency + 1;
    }

    private Context restrictedTo(long[] mask) {
        if (mask == visible) return this;
        long[] narrowed = new long[visible.length];
        for (int w = 0; w < narrowed.length; w++) narrowed[w] = visible[w] & mask[w];
        // Keeping the layout's own array when nothing else was hidden makes the same restriction free next time.
        return new Context(time, layout, free, Arrays.equals(narrowed, mask) ? mask : narrowed, processBySlot, cursor);
    }

    private int nextFreeSlotFromCursor() {
        int slot = nextFreeSlot(cursor);
        return slot >= 0 ? slot : nextFreeSlot(0);
    }

    /** The first free visible slot at or after {@code from}, or -1. */
    private int nextFreeSlot(int from) {
        int w = from >>> 6;
        if (w >= free.length) return -1;
        long word = free[w] & visible[w] & (-1L << (from & 63));
        while (true) {
            if (word != 0) return (w << 6) + Long.numberOfTrailingZeros(word);
            if (++w == free.length) return -1;
            word = free[w] & visible[w];
        }
    }

    private static long[] maskOf(int slots, int fromSlot, int toSlot) {
        long[] mask = new long[(slots + 63) >>> 6];
        for (int slot = fromSlot; slot < toSlot; slot++) mask[slot >>> 6] |= 1L << slot;
        return mask;
    }

    private static boolean get(long[] bits, int slot) {
        return (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    private static long[] with(long[] bits, int slot, boolean set) {
        long[] copy = bits.clone();
        if (set) copy[slot >>> 6] |= 1L << slot;
        else copy[slot >>> 6] &= ~(1L << slot);
        return copy;
    }

    @Override
    public String toString() {
        return "Context{time=" + time + ", free=" + freeThreads() + ", visible=" + allThreads()
                + ", processes=" + Arrays.toString(processBySlot) + '}';
    }
}
