package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads Faultline's JSONL history: one op object per line, read with Jackson's streaming parser for speed. */
public final class JsonlHistoryReader implements HistoryReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public void read(String source, Reader in, Consumer<Op> sink) throws IOException, HistoryParseException {
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken token;
            while (true) {
                try {
                    token = parser.nextToken();
                } catch (StreamReadException e) {
                    throw new HistoryParseException(source, e.getLocation().getLineNr(),
                            "not valid JSON: " + e.getOriginalMessage());
                }
                if (token == null) return;
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw new HistoryParseException(source, line, "expected a JSON object (one op per line), found " + token.asString());
                }
                try {
                    sink.accept(readOp(source, line, parser));
                } catch (StreamReadException e) {
                    throw new HistoryParseException(source, e.getLocation().getLineNr(),
                            "not valid JSON: " + e.getOriginalMessage());
                }
            }
        }
    }

    private static Op readOp(String source, long line, JsonParser p) throws IOException, HistoryParseException {
        long index = -1;
        long time = Op.NO_TIME;
        OpType type = null;
        Integer process = null;
        String f = null;
        Object value = null;
        Object key = null;
        String node = null;
        String error = null;
        Map<String, Object> extra = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "index" -> index = longField(source, line, p, t, "index");
                case "time" -> time = longField(source, line, p, t, "time");
                case "type" -> {
                    String s = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    type = s == null ? null : OpType.fromWire(s);
                    if (type == null) {
                        throw new HistoryParseException(source, line,
                                "field 'type' must be one of \"invoke\", \"ok\", \"fail\", \"info\"; found " + p.getText());
                    }
                }
                case "process" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) process = p.getIntValue();
                    else if (t == JsonToken.VALUE_STRING && "nemesis".equals(p.getText())) process = Op.NEMESIS;
                    else throw new HistoryParseException(source, line,
                                "field 'process' must be an integer or \"nemesis\"; found " + p.getText());
                }
                case "f" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new HistoryParseException(source, line, "field 'f' must be a string; found " + p.getText());
                    }
                    f = p.getText().intern();
                }
                case "value" -> value = readValue(p, t);
                case "key" -> key = readValue(p, t);
                case "node" -> node = t == JsonToken.VALUE_NULL ? null : p.getText();
                case "error" -> error = t == JsonToken.VALUE_NULL ? null : errorText(p, t);
                default -> {
                    if (extra == null) extra = new LinkedHashMap<>();
                    extra.put(field, readValue(p, t));
                }
            }
        }
        if (type == null) throw new HistoryParseException(source, line, "missing field 'type'");
        if (process == null) throw new HistoryParseException(source, line, "missing field 'process'");
        if (f == null) throw new HistoryParseException(source, line, "missing field 'f'");
        return new Op(index, time, type, process, f, value, key, node, error, extra);
    }

    private static long longField(String source, long line, JsonParser p, JsonToken t, String name)
            throws IOException, HistoryParseException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new HistoryParseException(source, line, "field '" + name + "' must be an integer; found " + p.getText());
        }
        return p.getLongValue();
    }

    private static String errorText(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        Object v = readValue(p, t);
        return String.valueOf(v);
    }

    /** JSON to plain Java data: Long, Double, String, Boolean, null, List, Map. */
    static Object readValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> p.getText();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) list.add(readValue(p, next));
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    map.put(name, readValue(p, p.nextToken()));
                }
                yield map;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        };
    }
}
