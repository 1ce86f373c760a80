package io.faultline.bench;

import io.faultline.history.JsonlHistoryWriter;
import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates a linearizable key-value store (read, write, cas on independent keys) driven by concurrent
 * processes with random latencies, and writes the history it produces. Each operation takes effect at a
 * random instant between its invocation and completion, so the history is linearizable by construction;
 * some operations time out ({@code info}, effect may or may not have happened) and some fail.
 *
 * <p>Injected stale reads return a value that two completed writes ago was current: the read is invoked
 * after a write w2 completed, w2 was invoked after the write w1 of that value completed, and values are
 * unique, so no linearization can explain it.
 */
public final class SyntheticKvHistory {
    private final long operations;
    private final int keys;
    private final int processes;
    private final int staleReads;
    private final long seed;

    public SyntheticKvHistory(long operations, int keys, int processes, int staleReads, long seed) {
        this.operations = operations;
        this.keys = keys;
        this.processes = processes;
        this.staleReads = staleReads;
        this.seed = seed;
    }

    /** What was generated, for the command's report. */
    public record Summary(long operations, long ops, int staleReadsInjected, List<Long> staleReadIndexes) {
    }

    public Summary writeTo(JsonlHistoryWriter out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Register[] store = new Register[keys];
        for (int k = 0; k < keys; k++) store[k] = new Register("k" + k);
        // Injections are spread over the middle of the run, where every key has a write history.
        long[] staleAt = new long[staleReads];
        for (int i = 0; i < staleReads; i++) staleAt[i] = operations / 2 + (operations / 3) * i / Math.max(1, staleReads);
        Arrays.sort(staleAt);
        int nextStale = 0;
        List<Long> staleIndexes = new ArrayList<>();

        PriorityQueue<Event> events = new PriorityQueue<>();
        long now = 0;
        for (int p = 0; p < processes; p++) events.add(Event.invoke(random.nextLong(1_000), p));
        long started = 0, index = 0, nextValue = 1;
        InFlight[] inFlight = new InFlight[processes];
        int[] processIds = new int[processes];
        for (int p = 0; p < processes; p++) processIds[p] = p;

        while (!events.isEmpty()) {
            Event e = events.poll();
            now = e.time;
            int worker = e.worker;
            switch (e.kind) {
                case Event.INVOKE -> {
                    if (started == operations) break;
                    started++;
                    Register reg = store[random.nextInt(keys)];
                    int dice = random.nextInt(100);
                    String f = dice < 50 ? "read" : dice < 85 ? "write" : "cas";
                    Object value = switch (f) {
                        case "write" -> nextValue++;
                        case "cas" -> List.of(reg.value == null ? 0L : reg.value, nextValue++);
                        default -> null;
                    };
                    boolean stale = f.equals("read") && nextStale < staleAt.length && started >= staleAt[nextStale]
                            && reg.staleCandidate != null && reg.staleSafeAfter < now;
                    InFlight op = new InFlight(processIds[worker], reg, f, value, now, stale ? reg.staleCandidate : null);
                    inFlight[worker] = op;
                    if (stale) nextStale++;
                    out.append(new Op(index++, now, OpType.INVOKE, op.process, f, f.equals("read") ? null : value,
                            reg.key, null, null, null));
                    long latency = 50_000 + (long) (-Math.log(1 - random.nextDouble()) * 400_000);
                    long effectAt = now + (long) (random.nextDouble() * latency);
                    events.add(new Event(effectAt, Event.EFFECT, worker));
                    events.add(new Event(now + latency, Event.COMPLETE, worker));
                    op.outcome = !stale && random.nextInt(1000) < 3 ? OpType.INFO : OpType.OK;
                    op.skipEffect = op.outcome == OpType.INFO && random.nextBoolean();
                }
                case Event.EFFECT -> {
                    InFlight op = inFlight[worker];
                    if (!op.skipEffect) op.apply();
                }
                case Event.COMPLETE -> {
                    InFlight op = inFlight[worker];
                    op.completedAt = now;
                    if (op.stale != null) staleIndexes.add(index);
                    Object result = op.result();
                    String error = op.outcome == OpType.INFO ? "timeout" : null;
                    OpType type = op.outcome == OpType.OK && op.f.equals("cas") && !op.casSucceeded ? OpType.FAIL : op.outcome;
                    out.append(new Op(index++, now, type, op.process, op.f, type == OpType.INFO ? op.value : result,
                            op.register.key, null, error, null));
                    if (op.f.equals("write") && type == OpType.OK) op.register.completedWrite(op);
                    if (type == OpType.INFO) processIds[worker] += processes;
                    events.add(Event.invoke(now + random.nextLong(20_000), worker));
                }
                default -> throw new IllegalStateException();
            }
        }
        out.flush();
        return new Summary(started, index, staleIndexes.size(), staleIndexes);
    }

    private static final class Register {
        final String key;
        Object value;
        /** The value of the last ok write w1 whose completion preceded the invocation of a later ok write w2. */
        Object staleCandidate;
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
        final String f;
        final Object value;
        final long invokedAt;
        /** The stale value this read returns, or null for an honest operation. */
        final Object stale;
        long completedAt;
        OpType outcome;
        boolean skipEffect;
        boolean casSucceeded;
        Object readValue;

        InFlight(int process, Register register, String f, Object value, long invokedAt, Object stale) {
            this.process = process;
            this.register = register;
            this.f = f;
            this.value = value;
            this.invokedAt = invokedAt;
            this.stale = stale;
        }

        void apply() {
            switch (f) {
                case "read" -> readValue = stale != null ? stale : register.value;
                case "write" -> register.value = value;
                default -> {
                    List<?> fromTo = (List<?>) value;
                    casSucceeded = java.util.Objects.equals(register.value, fromTo.get(0));
                    if (casSucceeded) register.value = fromTo.get(1);
                }
            }
        }

        Object result() {
            return f.equals("read") ? readValue : value;
        }
    }

    private record Event(long time, int kind, int worker) implements Comparable<Event> {
        static final int INVOKE = 0, EFFECT = 1, COMPLETE = 2;

        static Event invoke(long time, int worker) {
            return new Event(time, INVOKE, worker);
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Integer.compare(kind, o.kind);
        }
    }
}
