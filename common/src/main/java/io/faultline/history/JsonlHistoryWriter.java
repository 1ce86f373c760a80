package io.faultline.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.json.Json;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Writes ops as JSON Lines, one object per line, in the field order of {@link Op}. */
public final class JsonlHistoryWriter implements Closeable, Flushable {
    private static final ObjectMapper VALUES = Json.MAPPER;

    private final Writer out;
    private final JsonGenerator json;

    public JsonlHistoryWriter(Writer out) {
        this.out = out;
        try {
            this.json = VALUES.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
    }

    public void append(Op op) throws IOException {
        json.writeStartObject();
        if (op.index() >= 0) json.writeNumberField("index", op.index());
        if (op.hasTime()) json.writeNumberField("time", op.time());
        json.writeStringField("type", op.type().wireName());
        if (op.isNemesis()) json.writeStringField("process", "nemesis");
        else json.writeNumberField("process", op.process());
        json.writeStringField("f", op.f());
        if (op.key() != null) {
            json.writeFieldName("key");
            writeValue(op.key());
        }
        json.writeFieldName("value");
        writeValue(op.value());
        if (op.node() != null) json.writeStringField("node", op.node());
        if (op.error() != null) json.writeStringField("error", op.error());
        if (op.extra() != null) {
            for (Map.Entry<String, Object> e : op.extra().entrySet()) {
                json.writeFieldName(e.getKey());
                json.writeObject(e.getValue());
            }
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /**
     * What client ops carry — null, numbers, strings, booleans and lists of them — is written here as Jackson would
     * write it; anything else goes through the mapper. Every op passes here, and the mapper's path per value is long
     * both to run and for the JIT to compile while a run is at full speed.
     */
    private void writeValue(Object value) throws IOException {
        if (value == null) json.writeNull();
        else if (value instanceof Long l) json.writeNumber(l);
        else if (value instanceof Integer i) json.writeNumber(i);
        else if (value instanceof String text) json.writeString(text);
        else if (value instanceof Boolean b) json.writeBoolean(b);
        else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) writeValue(element);
            json.writeEndArray();
        } else json.writeObject(value);
    }

    @Override
    public void flush() throws IOException {
        json.flush();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
        out.close();
    }
}
