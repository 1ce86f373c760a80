package io.faultline.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.history.OpType;
import io.faultline.json.Json;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of the two messages every operation rides on, {@link InvokeBatch} and {@link EventBatch}: a
 * compact binary layout instead of JSON, because at tens of thousands of operations a second Jackson's
 * reflection and its warm-up were most of the control's work. Values come out as a JSON round trip would give
 * them (integers as Long, lists as List, map keys as strings), so an op looks the same whichever provider
 * carried it; a value of any other type travels as JSON.
 */
final class OpsWire {
    private static final byte NULL = 0, LONG = 1, DOUBLE = 2, TRUE = 3, FALSE = 4, STRING = 5, LIST = 6, MAP = 7, JSON = 8;
    private static final OpType[] TYPES = OpType.values();

    private OpsWire() {
    }

    static void writeInvokeBatch(Buffer out, InvokeBatch batch) {
        out.appendLong(batch.eventsReceivedBelow());
        out.appendInt(batch.ops().size());
        for (Invoke op : batch.ops()) {
            out.appendInt(op.thread()).appendInt(op.process());
            writeString(out, op.f());
            writeValue(out, op.key());
            writeValue(out, op.value());
        }
    }

    static InvokeBatch readInvokeBatch(Reader in) {
        long receivedBelow = in.readLong();
        int size = in.readInt();
        List<Invoke> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ops.add(new Invoke(in.readInt(), in.readInt(), in.readString(), in.readValue(), in.readValue()));
        }
        return new InvokeBatch(ops, receivedBelow);
    }

    static void writeEventBatch(Buffer out, EventBatch batch) {
        writeString(out, batch.node());
        out.appendLong(batch.seq());
        out.appendInt(batch.events().size());
        for (Event e : batch.events()) {
            out.appendInt(e.thread()).appendInt(e.process()).appendByte((byte) e.type().ordinal()).appendLong(e.agentNanos());
            writeString(out, e.f());
            writeValue(out, e.key());
            writeValue(out, e.value());
            writeString(out, e.error());
        }
    }

    static EventBatch readEventBatch(Reader in) {
        String node = in.readString();
        long seq = in.readLong();
        int size = in.readInt();
        List<Event> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int thread = in.readInt();
            int process = in.readInt();
            OpType type = TYPES[in.readByte()];
            long agentNanos = in.readLong();
            events.add(new Event(thread, process, type, in.readString(), in.readValue(), in.readValue(), in.readString(), agentNanos));
        }
        return new EventBatch(node, seq, events);
    }

    /** A string, or null, as its length (-1 for null) and UTF-8 bytes. */
    private static void writeString(Buffer out, String s) {
        if (s == null) {
            out.appendInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.appendInt(bytes.length).appendBytes(bytes);
    }

    private static void writeValue(Buffer out, Object value) {
        if (value == null) {
            out.appendByte(NULL);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.appendByte(LONG).appendLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            out.appendByte(DOUBLE).appendDouble(((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            out.appendByte(b ? TRUE : FALSE);
        } else if (value instanceof String s) {
            out.appendByte(STRING);
            writeString(out, s);
        } else if (value instanceof Collection<?> list) {
            out.appendByte(LIST).appendInt(list.size());
            for (Object element : list) writeValue(out, element);
        } else if (value instanceof Map<?, ?> map) {
            out.appendByte(MAP).appendInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeString(out, String.valueOf(e.getKey()));
                writeValue(out, e.getValue());
            }
        } else {
            try {
                out.appendByte(JSON);
                writeString(out, Json.MAPPER.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot encode a value of type " + value.getClass().getName(), e);
            }
        }
    }

    /** Reads from a position onwards. */
    static final class Reader {
        private final Buffer in;
        private int pos;

        Reader(Buffer in, int pos) {
            this.in = in;
            this.pos = pos;
        }

        byte readByte() {
            return in.getByte(pos++);
        }

        int readInt() {
            int v = in.getInt(pos);
            pos += 4;
            return v;
        }

        long readLong() {
            long v = in.getLong(pos);
            pos += 8;
            return v;
        }

        String readString() {
            int length = readInt();
            if (length < 0) return null;
            String s = in.getString(pos, pos + length, "UTF-8");
            pos += length;
            return s;
        }

        Object readValue() {
            byte tag = readByte();
            switch (tag) {
                case NULL:
                    return null;
                case LONG:
                    return readLong();
                case DOUBLE: {
                    double v = in.getDouble(pos);
                    pos += 8;
                    return v;
                }
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case STRING:
                    return readString();
                case LIST: {
                    int size = readInt();
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) list.add(readValue());
                    return list;
                }
                case MAP: {
                    int size = readInt();
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) map.put(readString(), readValue());
                    return map;
                }
                case JSON:
                    try {
                        return Json.MAPPER.readValue(readString(), Object.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot decode a JSON value", e);
                    }
                default:
                    throw new IllegalStateException("unknown value tag " + tag + " at byte " + (pos - 1));
            }
        }
    }
}
