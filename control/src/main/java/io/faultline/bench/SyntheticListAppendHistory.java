package io.faultline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates a strictly serializable store of lists, driven by concurrent processes running list-append transactions
 * as Elle's generator makes them (one to {@code maxTxnLength} micro-ops, each an append or a read of one of a few
 * active keys; a key takes {@code maxWritesPerKey} appends, then is retired for a fresh one), and streams the history
 * as JSONL. Each transaction takes effect at its completion, all at once, so the history is strictly serializable by
 * construction. Some transactions time out ({@code info}); half of those took effect.
 *
 * <p>Memory stays small whatever the length: the lists of the active keys, one transaction in flight per process.
 */
public final class SyntheticListAppendHistory {
    public static final double DEFAULT_INFO_RATE = 0.001;

    private final long txns;
    private final int processes;
    private final int activeKeys;
    private final int maxWritesPerKey;
    private final int maxTxnLength;
    private final long seed;
    private final double infoRate;

    public SyntheticListAppendHistory(long txns, int processes, int activeKeys, int maxWritesPerKey, int maxTxnLength, long seed,
                                      double infoRate) {
        if (txns < 1 || processes < 1 || activeKeys < 1 || maxWritesPerKey < 1 || maxTxnLength < 1 || !(infoRate >= 0 && infoRate < 1)) {
            throw new IllegalArgumentException("transactions, processes, keys, writes per key and transaction length must be positive, "
                    + "the info rate in [0, 1)");
        }
        this.txns = txns;
        this.processes = processes;
        this.activeKeys = activeKeys;
        this.maxWritesPerKey = maxWritesPerKey;
        this.maxTxnLength = maxTxnLength;
        this.seed = seed;
        this.infoRate = infoRate;
    }

    /** What was generated, for the command's report. */
    public record Summary(long txns, long ops, long infos, long keys) {
    }

    /** A key's list, and how many transactions in flight still name it (it is forgotten once retired and unnamed). */
    private static final class KeyState {
        long[] values = new long[8];
        int length;
        int nextValue = 1;
        int appendsGiven;
        int inFlight;
        boolean retired;
    }

    /** One process's transaction in flight: its micro-ops as kinds, keys and values. */
    private static final class Txn {
        final boolean[] append;
        final long[] key;
        final long[] value;
        final int[] readLength;
        int size;
        long invokedAt;
        long completesAt;
        boolean info;
        int process;

        Txn(int max) {
            append = new boolean[max];
            key = new long[max];
            value = new long[max];
            readLength = new int[max];
        }
    }

    public Summary writeTo(OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, KeyState> keys = new HashMap<>();
        long[] active = new long[activeKeys];
        long nextKey = 0;
        for (int i = 0; i < activeKeys; i++) {
            active[i] = nextKey;
            keys.put(nextKey++, new KeyState());
        }
        Lines lines = new Lines(out, keys);
        Txn[] inFlight = new Txn[processes];
        int infoPerMillion = (int) Math.round(infoRate * 1_000_000);
        long index = 0, started = 0, infos = 0, now = 0;
        for (int p = 0; p < processes && started < txns; p++) {
            inFlight[p] = new Txn(maxTxnLength);
            inFlight[p].process = p;
            nextKey = invoke(inFlight[p], random, keys, active, nextKey, now + random.nextLong(1_000), infoPerMillion);
            started++;
            lines.txn(index++, inFlight[p].invokedAt, "invoke", inFlight[p], false);
        }
        while (true) {
            int next = -1;
            for (int p = 0; p < processes; p++) {
                if (inFlight[p] != null && (next < 0 || inFlight[p].completesAt < inFlight[next].completesAt)) next = p;
            }
            if (next < 0) break;
            Txn t = inFlight[next];
            now = t.completesAt;
            boolean applied = !t.info || random.nextBoolean();
            if (applied) apply(t, keys);
            lines.txn(index++, now, t.info ? "info" : "ok", t, !t.info);
            release(t, keys);
            if (t.info) {
                infos++;
                t.process += processes;
            }
            if (started == txns) {
                inFlight[next] = null;
                continue;
            }
            long invokedAt = now + random.nextLong(20_000);
            nextKey = invoke(t, random, keys, active, nextKey, invokedAt, infoPerMillion);
            started++;
            lines.txn(index++, invokedAt, "invoke", t, false);
        }
        lines.flush();
        return new Summary(started, index, infos, nextKey);
    }

    /** Fills in a new transaction, retiring keys that have had their appends, and returns the next fresh key. */
    private long invoke(Txn t, SplittableRandom random, Map<Long, KeyState> keys, long[] active, long nextKey, long invokedAt,
                        int infoPerMillion) {
        t.size = 1 + random.nextInt(maxTxnLength);
        for (int i = 0; i < t.size; i++) {
            int slot = random.nextInt(active.length);
            KeyState k = keys.get(active[slot]);
            t.key[i] = active[slot];
            t.append[i] = random.nextBoolean();
            k.inFlight++;
            if (t.append[i]) {
                t.value[i] = k.nextValue++;
                if (++k.appendsGiven == maxWritesPerKey) {
                    k.retired = true;
                    active[slot] = nextKey;
                    keys.put(nextKey++, new KeyState());
                }
            }
        }
        long latency = 50_000 + (long) (-Math.log(1 - random.nextDouble()) * 400_000);
        t.invokedAt = invokedAt;
        t.completesAt = invokedAt + latency;
        t.info = random.nextInt(1_000_000) < infoPerMillion;
        return nextKey;
    }

    private static void apply(Txn t, Map<Long, KeyState> keys) {
        for (int i = 0; i < t.size; i++) {
            KeyState k = keys.get(t.key[i]);
            if (t.append[i]) {
                if (k.length == k.values.length) k.values = Arrays.copyOf(k.values, k.length * 2);
                k.values[k.length++] = t.value[i];
            } else {
                t.readLength[i] = k.length;
            }
        }
    }

    private static void release(Txn t, Map<Long, KeyState> keys) {
        for (int i = 0; i < t.size; i++) {
            KeyState k = keys.get(t.key[i]);
            if (--k.inFlight == 0 && k.retired) keys.remove(t.key[i]);
        }
    }

    /** Transaction lines: {"index":0,"time":5,"type":"ok","process":3,"f":"txn","value":[["append",12,3],["r",5,[1,2]]]}. */
    private static final class Lines extends JsonLineBuffer {
        private final Map<Long, KeyState> keys;

        Lines(OutputStream out, Map<Long, KeyState> keys) {
            super(out);
            this.keys = keys;
        }

        void txn(long index, long time, String type, Txn t, boolean withReads) throws IOException {
            room(256);
            ascii("{\"index\":");
            number(index);
            ascii(",\"time\":");
            number(time);
            ascii(",\"type\":\"");
            ascii(type);
            ascii("\",\"process\":");
            number(t.process);
            ascii(",\"f\":\"txn\",\"value\":[");
            for (int i = 0; i < t.size; i++) {
                if (i > 0) buf[pos++] = ',';
                ascii(t.append[i] ? "[\"append\"," : "[\"r\",");
                number(t.key[i]);
                buf[pos++] = ',';
                if (t.append[i]) {
                    number(t.value[i]);
                } else if (!withReads) {
                    ascii("null");
                } else {
                    long[] values = keys.get(t.key[i]).values;
                    buf[pos++] = '[';
                    for (int j = 0; j < t.readLength[i]; j++) {
                        room(32);
                        if (j > 0) buf[pos++] = ',';
                        number(values[j]);
                    }
                    buf[pos++] = ']';
                }
                buf[pos++] = ']';
                room(64);
            }
            ascii("]}\n");
        }
    }
}
