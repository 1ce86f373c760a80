package io.faultline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates a linearizable key-value store of registers (read, write and, in the cas-register flavour, cas;
 * on independent keys) driven by concurrent processes with random latencies, and streams the history it
 * produces as JSONL. Each operation takes effect at a random instant between its invocation and completion,
 * so the history is linearizable by construction; some operations time out ({@code info}: the effect may
 * or may not have happened) and, in the cas flavour, a cas whose compare failed ends {@code fail}.
 *
 * <p>Latencies are 50 µs plus an exponential with mean 400 µs, think times up to 20 µs: with many processes
 * operations overlap as they do against a real store. With one process (sequential) operations follow one
 * another without overlapping. With one key the ops carry no key: the history is one register's.
 *
 * <p>Injected stale reads return a value that two completed writes ago was current: the read is invoked
 * after a write w2 completed, w2 was invoked after the write w1 of that value completed, and values are
 * unique, so no linearization can explain it.
 *
 * <p>Memory stays constant whatever the length: one event queue entry per process in flight, a register per
 * key, and lines written straight into a byte buffer.
 */
public final class SyntheticKvHistory {
    /** The default share of operations that time out, as before the option existed. */
    public static final double DEFAULT_INFO_RATE = 0.003;

    private final long operations;
    private final int keys;
    private final int processes;
    private final int staleReads;
    private final long seed;
    private final boolean cas;
    private final double infoRate;

    /**
     * @param cas      whether operations include cas (the cas-register flavour) or only read and write
     * @param infoRate the share of operations that end {@code info}, in [0, 1)
     */
    public SyntheticKvHistory(long operations, int keys, int processes, int staleReads, long seed, boolean cas, double infoRate) {
        if (operations < 1 || keys < 1 || processes < 1 || staleReads < 0 || !(infoRate >= 0 && infoRate < 1)) {
            throw new IllegalArgumentException("operations, keys and processes must be positive, stale reads not negative, "
                    + "the info rate in [0, 1)");
        }
        this.operations = operations;
        this.keys = keys;
        this.processes = processes;
        this.staleReads = staleReads;
        this.seed = seed;
        this.cas = cas;
        this.infoRate = infoRate;
    }

    /** What was generated, for the command's report. */
    public record Summary(long operations, long ops, long infos, int staleReadsInjected, List<Long> staleReadIndexes) {
    }

    public Summary writeTo(OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Register[] store = new Register[keys];
        for (int k = 0; k < keys; k++) store[k] = new Register(keys == 1 ? null : "k" + k);
        // Injections are spread over the middle of the run, where every key has a write history.
        long[] staleAt = new long[staleReads];
        for (int i = 0; i < staleReads; i++) staleAt[i] = operations / 2 + (operations / 3) * i / Math.max(1, staleReads);
        Arrays.sort(staleAt);
        int nextStale = 0;
        List<Long> staleIndexes = new ArrayList<>();
        int infoPerMillion = (int) Math.round(infoRate * 1_000_000);

        Lines lines = new Lines(out);
        PriorityQueue<Event> events = new PriorityQueue<>();
        for (int p = 0; p < processes; p++) events.add(new Event(random.nextLong(1_000), Event.INVOKE, p));
        long started = 0, index = 0, infos = 0, nextValue = 1;
        InFlight[] inFlight = new InFlight[processes];
        int[] processIds = new int[processes];
        for (int p = 0; p < processes; p++) processIds[p] = p;

        while (!events.isEmpty()) {
            Event e = events.poll();
            long now = e.time;
            int worker = e.worker;
            switch (e.kind) {
                case Event.INVOKE -> {
                    if (started == operations) break;
                    started++;
                    Register reg = store[keys == 1 ? 0 : random.nextInt(keys)];
                    int dice = random.nextInt(100);
                    int f = dice < 50 ? READ : !cas || dice < 85 ? WRITE : CAS;
                    long value = f == READ ? 0 : nextValue++;
                    long from = f == CAS ? (reg.value == null ? 0L : reg.value) : 0;
                    boolean stale = f == READ && nextStale < staleAt.length && started >= staleAt[nextStale]
                            && reg.staleCandidate != null && reg.staleSafeAfter < now;
                    InFlight op = new InFlight(processIds[worker], reg, f, from, value, now, stale ? reg.staleCandidate : null);
                    inFlight[worker] = op;
                    if (stale) nextStale++;
                    lines.op(index++, now, "invoke", op.process, f, reg.key, f != READ, from, value, null);
                    long latency = 50_000 + (long) (-Math.log(1 - random.nextDouble()) * 400_000);
                    events.add(new Event(now + (long) (random.nextDouble() * latency), Event.EFFECT, worker));
                    events.add(new Event(now + latency, Event.COMPLETE, worker));
                    op.info = !stale && random.nextInt(1_000_000) < infoPerMillion;
                    op.skipEffect = op.info && random.nextBoolean();
                }
                case Event.EFFECT -> {
                    InFlight op = inFlight[worker];
                    if (!op.skipEffect) op.apply();
                }
                case Event.COMPLETE -> {
                    InFlight op = inFlight[worker];
                    op.completedAt = now;
                    if (op.stale != null) staleIndexes.add(index);
                    String type = op.info ? "info" : op.f == CAS && !op.casSucceeded ? "fail" : "ok";
                    if (op.f == READ && !op.info) {
                        Long read = op.readValue;
                        lines.op(index++, now, type, op.process, op.f, op.register.key, read != null, 0, read == null ? 0 : read, null);
                    } else {
                        lines.op(index++, now, type, op.process, op.f, op.register.key, op.f != READ, op.from, op.value,
                                op.info ? "timeout" : null);
                    }
                    if (op.f == WRITE && !op.info) op.register.completedWrite(op);
                    if (op.info) {
                        infos++;
                        processIds[worker] += processes;
                    }
                    events.add(new Event(now + random.nextLong(20_000), Event.INVOKE, worker));
                }
                default -> throw new IllegalStateException();
            }
        }
        lines.flush();
        return new Summary(started, index, infos, staleIndexes.size(), staleIndexes);
    }

    private static final int READ = 0, WRITE = 1, CAS = 2;
    private static final String[] F = {"read", "write", "cas"};

    private static final class Register {
        final String key;
        Long value;
        /** The value of the last ok write w1 whose completion preceded the invocation of a later ok write w2. */
        Long staleCandidate;
        long staleSafeAfter = Long.MAX_VALUE;
        InFlight lastCompletedWrite;

        Register(String key) {
            this.key = key;
        }

        void completedWrite(InFlight w2) {
            InFlight w1 = lastCompletedWrite;
            if (w1 != null && w1.completedAt < w2.invokedAt) {
                staleCandidate = w1.value;
                staleSafeAfter = w2.completedAt;
            }
            lastCompletedWrite = w2;
        }
    }

    private static final class InFlight {
        final int process;
        final Register register;
        final int f;
        /** A cas's expected value. */
        final long from;
        /** A write's value, a cas's new value. */
        final long value;
        final long invokedAt;
        /** The stale value this read returns, or null for an honest operation. */
        final Long stale;
        long completedAt;
        boolean info;
        boolean skipEffect;
        boolean casSucceeded;
        Long readValue;

        InFlight(int process, Register register, int f, long from, long value, long invokedAt, Long stale) {
            this.process = process;
            this.register = register;
            this.f = f;
            this.from = from;
            this.value = value;
            this.invokedAt = invokedAt;
            this.stale = stale;
        }

        void apply() {
            switch (f) {
                case READ -> readValue = stale != null ? stale : register.value;
                case WRITE -> register.value = value;
                default -> {
                    casSucceeded = Objects.equals(register.value, from);
                    if (casSucceeded) register.value = value;
                }
            }
        }
    }

    private record Event(long time, int kind, int worker) implements Comparable<Event> {
        static final int INVOKE = 0, EFFECT = 1, COMPLETE = 2;

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Integer.compare(kind, o.kind);
        }
    }

    /**
     * JSONL lines, as {@link io.faultline.history.JsonlHistoryWriter} writes them, formatted straight into a
     * byte buffer: at ten million operations a JSON library's per-field work is most of the time.
     */
    private static final class Lines extends JsonLineBuffer {
        Lines(OutputStream out) {
            super(out);
        }

        /** One op; its value is nil unless {@code hasValue}, a write's or read's {@code value}, a cas's [from value]. */
        void op(long index, long time, String type, int process, int f, String key, boolean hasValue, long from, long value,
                String error) throws IOException {
            room(512);
            ascii("{\"index\":");
            number(index);
            ascii(",\"time\":");
            number(time);
            ascii(",\"type\":\"");
            ascii(type);
            ascii("\",\"process\":");
            number(process);
            ascii(",\"f\":\"");
            ascii(F[f]);
            ascii("\"");
            if (key != null) {
                ascii(",\"key\":\"");
                ascii(key);
                ascii("\"");
            }
            ascii(",\"value\":");
            if (!hasValue) {
                ascii("null");
            } else if (f == CAS) {
                buf[pos++] = '[';
                number(from);
                buf[pos++] = ',';
                number(value);
                buf[pos++] = ']';
            } else {
                number(value);
            }
            if (error != null) {
                ascii(",\"error\":\"");
                ascii(error);
                ascii("\"");
            }
            buf[pos++] = '}';
            buf[pos++] = '\n';
        }

    }
}
