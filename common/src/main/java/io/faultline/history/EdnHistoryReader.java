package io.faultline.history;

import io.faultline.history.EdnReader.Coll;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads Jepsen's EDN histories ({@code history.edn}, the kv corpus): op maps one per line, separated by any
 * whitespace, or wrapped in one top-level vector or list. Tagged op maps ({@code #jepsen.history.Op{...}}) read
 * as the map.
 *
 * <p>Op maps are taken apart as they stream by rather than read as maps first, which saves a map per op on
 * histories of millions of ops and lets an error name the line of the offending value. Keys: {@code :type},
 * {@code :process} ({@code :nemesis} or an integer) and {@code :f} are required; {@code :value}, {@code :key},
 * {@code :index}, {@code :time} (nanoseconds), {@code :node} and {@code :error} fill their fields; any other key
 * goes to {@link Op#extra()} under its name.
 */
public final class EdnHistoryReader implements HistoryReader {
    private static final String OP_MAP = "an op map {...}";

    @Override
    public void read(String source, Reader in, Sink sink) throws IOException, HistoryParseException {
        new OpParser(new EdnReader(source, in)).readAll(sink);
    }

    /** The state of one read: the EDN reader, the f names seen, a buffer for the text of checked values. */
    private static final class OpParser {
        /** One bit per field, to catch a key given twice. */
        private static final int TYPE = 1;
        private static final int PROCESS = 1 << 1;
        private static final int F = 1 << 2;
        private static final int VALUE = 1 << 3;
        private static final int KEY = 1 << 4;
        private static final int INDEX = 1 << 5;
        private static final int TIME = 1 << 6;
        private static final int NODE = 1 << 7;
        private static final int ERROR = 1 << 8;

        private final EdnReader edn;
        private final OpFields fields = new OpFields();
        private final StringBuilder written = new StringBuilder();
        private long writtenOn;

        OpParser(EdnReader edn) {
            this.edn = edn;
        }

        void readAll(Sink sink) throws IOException, HistoryParseException {
            int c;
            while ((c = edn.peek()) != EdnReader.END) {
                if (c == '[' || c == '(') {
                    Coll kind = c == '[' ? Coll.VECTOR : Coll.LIST;
                    long opened = edn.open();
                    while (edn.hasNextIn(kind, opened)) readOpInto(sink);
                } else {
                    readOpInto(sink);
                }
            }
        }

        /** Reads the op map that comes next; the reader stands on it, so its line is the op's. */
        private void readOpInto(Sink sink) throws IOException, HistoryParseException {
            long line = edn.line();
            sink.accept(readOp(), line);
        }

        private Op readOp() throws IOException, HistoryParseException {
            long opened = edn.openMap(OP_MAP);
            long index = -1;
            long time = Op.NO_TIME;
            OpType type = null;
            int process = OpFields.NOT_A_PROCESS;
            String f = null;
            Object value = null;
            Object key = null;
            String node = null;
            String error = null;
            Map<String, Object> extra = null;
            int seen = 0;
            while (edn.hasNextIn(Coll.MAP, opened)) {
                String name = readKey(opened);
                int field = switch (name) {
                    case "type" -> {
                        type = OpFields.type(readChecked());
                        if (type == null) throw expected("type", "to be one of " + OpFields.TYPES);
                        yield TYPE;
                    }
                    case "process" -> {
                        process = OpFields.process(readChecked());
                        if (process == OpFields.NOT_A_PROCESS) {
                            throw expected("process", "to be a non-negative integer or :nemesis");
                        }
                        yield PROCESS;
                    }
                    case "f" -> {
                        f = fields.f(readChecked());
                        if (f == null) throw expected("f", "to be a keyword or a string");
                        yield F;
                    }
                    case "value" -> {
                        value = edn.read();
                        yield VALUE;
                    }
                    case "key" -> {
                        key = edn.read();
                        yield KEY;
                    }
                    case "index" -> {
                        index = readCount("index", "to be a non-negative integer", -1);
                        yield INDEX;
                    }
                    case "time" -> {
                        time = readCount("time", "to be a non-negative integer of nanoseconds", Op.NO_TIME);
                        yield TIME;
                    }
                    case "node" -> {
                        Object v = readChecked();
                        if (v != null && !(v instanceof String)) throw expected("node", "to be a string");
                        node = (String) v;
                        yield NODE;
                    }
                    case "error" -> {
                        error = OpFields.errorText(readChecked(), written);
                        yield ERROR;
                    }
                    default -> {
                        Object v = edn.read();
                        if (extra == null) extra = new HashMap<>();
                        if (extra.containsKey(name)) throw duplicate(name, opened);
                        // Op keeps no nulls in extra; a nil value reads in Clojure the same as no key at all.
                        if (v != null) extra.put(name, v);
                        yield 0;
                    }
                };
                if ((seen & field) != 0) throw duplicate(name, opened);
                seen |= field;
            }
            if (type == null) throw missing("type", opened);
            if (process == OpFields.NOT_A_PROCESS) throw missing("process", opened);
            if (f == null) throw missing("f", opened);
            return new Op(index, time, type, process, f, value, key, node, error, extra);
        }

        /** Reads a key and checks that a value follows it. */
        private String readKey(long opened) throws IOException, HistoryParseException {
            if (edn.peek() != ':') {
                throw edn.error("expected a keyword key in the op map opened on line " + opened + ", found "
                        + edn.nextFormText());
            }
            String name = (String) edn.read();
            if (!edn.atValue()) {
                throw edn.error("expected a value for :" + name + " in the op map opened on line " + opened
                        + ", found " + edn.describeNext());
            }
            return name;
        }

        /** Reads a value keeping its text, for the error message if the value turns out wrong. */
        private Object readChecked() throws IOException, HistoryParseException {
            written.setLength(0);
            writtenOn = edn.line();
            return edn.read(written);
        }

        private long readCount(String name, String expectation, long ifNil) throws IOException, HistoryParseException {
            Object v = readChecked();
            if (v == null) return ifNil;
            if (v instanceof Long n && n >= 0) return n;
            throw expected(name, expectation);
        }

        private HistoryParseException expected(String name, String expectation) {
            return edn.error(writtenOn,
                    "expected :" + name + " " + expectation + ", found " + EdnReader.abbreviate(written));
        }

        private HistoryParseException duplicate(String name, long opened) {
            return edn.error("duplicate key :" + name + " in the op map opened on line " + opened);
        }

        private HistoryParseException missing(String name, long opened) {
            return edn.error(opened, "missing :" + name + " in the op map opened on line " + opened
                    + "; every op needs :type, :process and :f");
        }
    }
}
