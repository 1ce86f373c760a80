package io.faultline.checker.txn;

import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.HistoryReader;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.history.Values;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of a history in int-indexed arrays: transaction {@code t} is a number, its micro-ops a range of
 * {@link #mopStart}, each micro-op a kind, a key id and a long. The ops themselves are dropped as they are read, so
 * ten million transactions fit where their {@link Op}s would not.
 *
 * <p>A list-append read is kept as a length when it is a prefix of the longest read of its key seen so far (the
 * key's {@link #order}), which is what every read of a correct store is; only reads off that order keep their
 * elements, in {@link #offOrder}. Values are longs: integers as they are, other values interned, {@link #NIL} for nil.
 */
public final class TxnHistory {
    public static final byte OK = 0, INFO = 1, FAIL = 2;
    public static final byte APPEND = 0, READ = 1, WRITE = 2;
    public static final long NIL = Long.MIN_VALUE;
    /** Interned (non-integer) values are numbered from here up; integers this small are not expected. */
    private static final long INTERNED = Long.MIN_VALUE + 1;

    /** Which micro-ops a history holds: list-append's append and r, or rw-register's w and r. */
    public enum Kind {
        LIST_APPEND("list-append", "[\"append\", key, value] and [\"r\", key, nil or [values]]"),
        RW_REGISTER("rw-register", "[\"w\", key, value] and [\"r\", key, value or nil]");

        final String checkerName;
        final String shapes;

        Kind(String checkerName, String shapes) {
            this.checkerName = checkerName;
            this.shapes = shapes;
        }
    }

    /** A transaction or micro-op that cannot be read; the message names the source and line. */
    public static final class Malformed extends RuntimeException {
        final long line;
        final String problem;

        Malformed(String source, long line, String problem) {
            super(source + ":" + line + ": " + problem);
            this.line = line;
            this.problem = problem;
        }
    }

    final Kind kind;
    final String source;
    int txns;
    byte[] status;
    int[] process;
    int[] invokePos;
    /** The position of the completion, or -1 for a transaction that never completed. */
    int[] completePos;
    long[] opIndex;
    long[] invokeIndex;
    long[] line;
    int[] mopStart;
    /** The realtime virtual node current when the transaction was invoked (every earlier completion reaches it), or -1. */
    int[] rtBefore;
    /** The realtime virtual node made at or after the transaction's ok completion, or -1. */
    int[] rtAfter;
    int virtualNodes;

    int mops;
    byte[] mopKind;
    int[] mopKey;
    long[] mopValue;

    final List<Object> keyNames = new ArrayList<>();
    /** Per key: the longest read so far (list-append), and how much of the array is used. */
    long[][] order = new long[16][];
    int[] orderLength = new int[16];
    long[] offOrder = new long[64];
    int offOrderLength;

    /** Anomalies seen within single transactions while reading: read them with {@link #internal()}. */
    final List<Map<String, Object>> internal = new ArrayList<>();
    /** Reason the values are not unique per key, which the inference needs; null when they are. */
    String notUnique;
    final KeyValueIndex writers;

    private final List<Object> internedNames = new ArrayList<>();

    private TxnHistory(Kind kind, String source, int expectedTxns) {
        this.kind = kind;
        this.source = source;
        int n = Math.max(16, expectedTxns);
        status = new byte[n];
        process = new int[n];
        invokePos = new int[n];
        completePos = new int[n];
        opIndex = new long[n];
        invokeIndex = new long[n];
        line = new long[n];
        mopStart = new int[n + 1];
        rtBefore = new int[n];
        rtAfter = new int[n];
        mopKind = new byte[n * 4];
        mopKey = new int[n * 4];
        mopValue = new long[n * 4];
        writers = new KeyValueIndex(n * 2);
    }

    /** Reads the transactions of a history in memory. */
    public static TxnHistory of(History history, Kind kind) {
        Builder builder = new Builder(kind, history.source(), history.size() / 2);
        for (int i = 0; i < history.size(); i++) builder.accept(history.get(i), history.line(i));
        return builder.finish();
    }

    /**
     * Streams a history file into transactions without holding its ops: for histories too large for {@link History}.
     * The file's order must be its time order (as generated and Jepsen's histories are; a run's history.jsonl is in
     * arrival order: read it with {@link History#read} and {@link History#inTimeOrder} instead).
     */
    public static TxnHistory read(Path file, HistoryFormat format, Kind kind) throws IOException, HistoryParseException {
        HistoryFormat chosen = format != null ? format : History.detect(file);
        Builder builder = new Builder(kind, file.toString(), (int) Math.min(1 << 24, Math.max(1 << 10, Files.size(file) / 400)));
        try (InputStream in = Files.newInputStream(file)) {
            chosen.reader().read(file.toString(), in, builder);
        } catch (Malformed e) {
            throw new HistoryParseException(file.toString(), e.line, e.problem);
        }
        return builder.finish();
    }

    public int size() {
        return txns;
    }

    public Kind kind() {
        return kind;
    }

    public List<Map<String, Object>> internal() {
        return internal;
    }

    Object keyName(int key) {
        return keyNames.get(key);
    }

    Object valueName(long value) {
        if (value == NIL) return null;
        if (value >= INTERNED && value < INTERNED + internedNames.size()) return internedNames.get((int) (value - INTERNED));
        return value;
    }

    /** The length of a list-append read's list. */
    static int readLength(long packed) {
        return (int) packed;
    }

    /** The element {@code i} of a list-append read. */
    long readElement(int key, long packed, int i) {
        int off = (int) (packed >>> 32);
        return off == 0 ? order[key][i] : offOrder[off - 1 + i];
    }

    static boolean isOffOrder(long packed) {
        return (packed >>> 32) != 0;
    }

    List<Object> readList(int key, long packed) {
        int n = readLength(packed);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(valueName(readElement(key, packed, i)));
        return list;
    }

    /** A transaction's micro-ops as Elle writes them: [[append x 1] [r y [1 2]]]. */
    List<Object> ops(int t) {
        List<Object> out = new ArrayList<>();
        for (int m = mopStart[t]; m < mopStart[t + 1]; m++) out.add(mop(m));
        return out;
    }

    List<Object> mop(int m) {
        Object key = keyName(mopKey[m]);
        return switch (mopKind[m]) {
            case APPEND -> List.of("append", key, valueName(mopValue[m]));
            case WRITE -> Arrays.asList("w", key, valueName(mopValue[m]));
            default -> Arrays.asList("r", key, kind == Kind.LIST_APPEND ? readList(mopKey[m], mopValue[m]) : valueName(mopValue[m]));
        };
    }

    String statusName(int t) {
        return switch (status[t]) {
            case OK -> "ok";
            case INFO -> "info";
            default -> "fail";
        };
    }

    /** A transaction as results show it: its ops and where it is in the history. */
    Map<String, Object> describe(int t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("txn", "T" + (t + 1));
        d.put("type", statusName(t));
        d.put("process", process[t]);
        d.put("index", opIndex[t]);
        d.put("line", line[t]);
        d.put("value", ops(t));
        return d;
    }

    /**
     * Turns ops into transactions as they are read (a {@link HistoryReader.Sink}), so a history file can be checked
     * without ever holding its ops: an invocation waits for its process's completion, which gives the transaction.
     */
    public static final class Builder implements HistoryReader.Sink {
        private final TxnHistory h;
        private final Map<Integer, Pending> pending = new HashMap<>();
        private final Map<Integer, Integer> lastOfProcess = new HashMap<>();
        private final Map<Object, Integer> keyIds = new HashMap<>();
        private final Map<Object, Long> interned = new HashMap<>();
        private int position;
        private int currentVirtual = -1;
        private boolean invokedSinceVirtual = true;
        private long[] elements = new long[64];
        private final List<long[]> txnReads = new ArrayList<>();

        private record Pending(Object value, long line, int position, int rtBefore, long index) {
        }

        public Builder(Kind kind, String source, int expectedTxns) {
            h = new TxnHistory(kind, source, expectedTxns);
        }

        @Override
        public void accept(Op op, long line) {
            int at = position++;
            if (op.isNemesis()) return;
            if (op.isInvoke()) {
                Pending before = pending.put(op.process(), new Pending(op.value(), line, at, currentVirtual, op.index()));
                if (before != null) {
                    throw new Malformed(h.source, line, "process " + op.process() + " invokes while its transaction invoked on line "
                            + before.line() + " is pending; a process runs one transaction at a time");
                }
                invokedSinceVirtual = true;
                return;
            }
            Pending invoked = pending.remove(op.process());
            if (invoked == null) {
                throw new Malformed(h.source, line, "a completion (" + op.type().wireName() + ") of process " + op.process()
                        + " without an invocation before it");
            }
            byte status = switch (op.type()) {
                case OK -> OK;
                case FAIL -> FAIL;
                default -> INFO;
            };
            Object value = status == OK || op.value() != null ? op.value() : invoked.value();
            add(status, op.process(), invoked, at, op.index() >= 0 ? op.index() : at, line, value);
        }

        /** Ends the history: transactions still pending are indeterminate, as if they had ended info. */
        public TxnHistory finish() {
            List<Map.Entry<Integer, Pending>> open = new ArrayList<>(pending.entrySet());
            open.sort(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.position(), b.position())));
            for (Map.Entry<Integer, Pending> e : open) {
                Pending p = e.getValue();
                add(INFO, e.getKey(), p, -1, p.index(), p.line(), p.value());
            }
            pending.clear();
            return h;
        }

        private void add(byte status, int process, Pending invoked, int completedAt, long index, long line, Object value) {
            int t = h.txns;
            ensureTxn(t + 1);
            h.status[t] = status;
            h.process[t] = process;
            h.invokePos[t] = invoked.position();
            h.completePos[t] = status == INFO ? -1 : completedAt;
            h.opIndex[t] = index;
            h.invokeIndex[t] = invoked.index() >= 0 ? invoked.index() : invoked.position();
            h.line[t] = line;
            h.rtBefore[t] = invoked.rtBefore();
            h.rtAfter[t] = -1;
            if (status == OK) {
                if (currentVirtual == -1 || invokedSinceVirtual) {
                    currentVirtual = h.virtualNodes++;
                    invokedSinceVirtual = false;
                }
                h.rtAfter[t] = currentVirtual;
            }
            h.mopStart[t] = h.mops;
            readMops(t, status, value, line);
            h.mopStart[t + 1] = h.mops;
            h.txns = t + 1;
            if (status != FAIL) lastOfProcess.put(process, t);
            if (status == OK) checkInternal(t);
        }

        private void readMops(int t, byte status, Object value, long line) {
            if (!(value instanceof List<?> mops)) {
                throw new Malformed(h.source, line, "the value of a transaction must be a list of micro-ops, "
                        + h.kind.shapes + "; found " + Values.show(value));
            }
            txnReads.clear();
            for (int i = 0; i < mops.size(); i++) {
                Object mop = mops.get(i);
                if (!(mop instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String f)) {
                    throw bad(line, i, mop, "is not [f key value]");
                }
                byte kind = switch (f) {
                    case "append" -> h.kind == Kind.LIST_APPEND ? APPEND : -1;
                    case "w" -> h.kind == Kind.RW_REGISTER ? WRITE : -1;
                    case "r" -> READ;
                    default -> -1;
                };
                if (kind < 0) throw bad(line, i, mop, "has f '" + f + "', which " + h.kind.checkerName + " does not know");
                Object key = parts.get(1);
                Object arg = parts.get(2);
                if (key == null) throw bad(line, i, mop, "has no key");
                if (kind == READ) {
                    txnReads.add(null);
                    if (status != OK) continue;
                } else if (arg == null || arg instanceof List<?>) {
                    throw bad(line, i, mop, "must " + (kind == APPEND ? "append" : "write") + " a single value");
                }
                int k = keyId(key);
                long v;
                if (kind == READ && h.kind == Kind.LIST_APPEND) {
                    if (arg != null && !(arg instanceof List<?>)) throw bad(line, i, mop, "must read nil or a list of values");
                    v = readList(k, (List<?>) arg);
                    txnReads.set(txnReads.size() - 1, Arrays.copyOf(elements, ((List<?>) (arg == null ? List.of() : arg)).size()));
                } else {
                    if (arg instanceof List<?>) throw bad(line, i, mop, "must read a single value or nil");
                    v = value(arg);
                    if (kind != READ) {
                        int before = h.writers.putWriter(k, v, t);
                        if (before != KeyValueIndex.ABSENT && h.notUnique == null) {
                            h.notUnique = "T" + (before + 1) + " and T" + (t + 1) + " (line " + line + ") both " + f + " " + Values.show(arg)
                                    + " to key " + Values.show(key) + "; " + h.kind.checkerName + " needs each value written at most once per key";
                        }
                    }
                }
                int m = h.mops;
                ensureMops(m + 1);
                h.mopKind[m] = kind;
                h.mopKey[m] = k;
                h.mopValue[m] = v;
                h.mops = m + 1;
            }
        }

        private Malformed bad(long line, int i, Object mop, String problem) {
            return new Malformed(h.source, line, "micro-op " + (i + 1) + " of the transaction, " + Values.show(mop) + ", " + problem
                    + "; " + h.kind.checkerName + " micro-ops are " + h.kind.shapes);
        }

        /**
         * Keeps a read as its length when it agrees with the key's order so far, extending the order when the read is
         * longer; a read that disagrees keeps its elements apart. Leaves the elements in {@link #elements}.
         */
        private long readList(int k, List<?> list) {
            int n = list == null ? 0 : list.size();
            if (elements.length < n) elements = new long[Math.max(n, elements.length * 2)];
            for (int i = 0; i < n; i++) elements[i] = value(list.get(i));
            long[] order = h.order[k];
            int known = h.orderLength[k];
            int common = Math.min(n, known);
            for (int i = 0; i < common; i++) {
                if (order[i] != elements[i]) return offOrder(n);
            }
            if (n > known) {
                if (order == null || order.length < n) {
                    order = h.order[k] = Arrays.copyOf(order == null ? new long[0] : order, Math.max(n, known * 2 + 4));
                }
                System.arraycopy(elements, known, order, known, n - known);
                h.orderLength[k] = n;
            }
            return n;
        }

        private long offOrder(int n) {
            int off = h.offOrderLength;
            if (off + n > h.offOrder.length) h.offOrder = Arrays.copyOf(h.offOrder, Math.max(off + n, h.offOrder.length * 2));
            System.arraycopy(elements, 0, h.offOrder, off, n);
            h.offOrderLength = off + n;
            return ((long) (off + 1) << 32) | n;
        }

        /** A read within a transaction must see what the transaction itself did before it (Elle's internal consistency). */
        private void checkInternal(int t) {
            int start = h.mopStart[t];
            int end = h.mopStart[t + 1];
            int reads = 0;
            for (int i = start; i < end; i++) {
                if (h.mopKind[i] != READ) continue;
                int readNo = reads++;
                int k = h.mopKey[i];
                if (h.kind == Kind.RW_REGISTER) {
                    int j = i - 1;
                    while (j >= start && h.mopKey[j] != k) j--;
                    if (j < start || h.mopValue[j] == h.mopValue[i]) continue;
                    reportInternal(t, i, h.valueName(h.mopValue[j]));
                    continue;
                }
                boolean earlierRead = false;
                List<Long> since = new ArrayList<>();
                int earlierNo = readNo;
                for (int j = i - 1; j >= start; j--) {
                    if (h.mopKey[j] != k) continue;
                    if (h.mopKind[j] == READ) {
                        earlierRead = true;
                        earlierNo = countReads(start, j);
                        break;
                    }
                    since.add(0, h.mopValue[j]);
                }
                if (!earlierRead && since.isEmpty()) continue;
                long[] actual = txnReads.get(readNo);
                List<Long> want = new ArrayList<>();
                if (earlierRead) for (long e : txnReads.get(earlierNo)) want.add(e);
                want.addAll(since);
                boolean consistent = earlierRead ? actual.length == want.size() : actual.length >= want.size();
                int offset = actual.length - want.size();
                for (int x = 0; consistent && x < want.size(); x++) consistent = actual[offset + x] == want.get(x);
                List<Object> shown = new ArrayList<>();
                if (!earlierRead) shown.add("...");
                for (long e : want) shown.add(h.valueName(e));
                if (!consistent) reportInternal(t, i, shown);
            }
        }

        private void reportInternal(int t, int i, Object expectedShown) {
            int k = h.mopKey[i];
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("op", h.describe(t));
            a.put("mop", h.mop(i));
            a.put("expected", expectedShown);
            a.put("explanation", "T" + (t + 1) + " read " + Values.show(h.keyName(k)) + " = " + Values.show(h.mop(i).get(2))
                    + ", but its own earlier micro-ops mean it should have read " + Values.show(expectedShown));
            h.internal.add(a);
        }

        private int countReads(int from, int to) {
            int n = 0;
            for (int j = from; j < to; j++) if (h.mopKind[j] == READ) n++;
            return n;
        }

        private int keyId(Object key) {
            Object normal = Values.normalize(key);
            Integer id = keyIds.get(normal);
            if (id != null) return id;
            int k = h.keyNames.size();
            keyIds.put(normal, k);
            h.keyNames.add(normal);
            if (k == h.order.length) {
                h.order = Arrays.copyOf(h.order, k * 2);
                h.orderLength = Arrays.copyOf(h.orderLength, k * 2);
            }
            return k;
        }

        private long value(Object value) {
            if (value == null) return NIL;
            Long l = Values.asLong(value);
            if (l != null && l >= INTERNED + (1L << 40)) return l;
            Object normal = Values.normalize(value);
            Long id = interned.get(normal);
            if (id != null) return id;
            long next = INTERNED + h.internedNames.size();
            interned.put(normal, next);
            h.internedNames.add(normal);
            return next;
        }

        private void ensureTxn(int n) {
            if (n < h.status.length) return;
            int c = h.status.length * 2;
            h.status = Arrays.copyOf(h.status, c);
            h.process = Arrays.copyOf(h.process, c);
            h.invokePos = Arrays.copyOf(h.invokePos, c);
            h.completePos = Arrays.copyOf(h.completePos, c);
            h.opIndex = Arrays.copyOf(h.opIndex, c);
            h.invokeIndex = Arrays.copyOf(h.invokeIndex, c);
            h.line = Arrays.copyOf(h.line, c);
            h.mopStart = Arrays.copyOf(h.mopStart, c + 1);
            h.rtBefore = Arrays.copyOf(h.rtBefore, c);
            h.rtAfter = Arrays.copyOf(h.rtAfter, c);
        }

        private void ensureMops(int n) {
            if (n <= h.mopKind.length) return;
            int c = h.mopKind.length * 2;
            h.mopKind = Arrays.copyOf(h.mopKind, c);
            h.mopKey = Arrays.copyOf(h.mopKey, c);
            h.mopValue = Arrays.copyOf(h.mopValue, c);
        }
    }
}
