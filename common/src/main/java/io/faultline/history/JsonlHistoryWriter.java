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
            json.writeObject(op.key());
        }
        json.writeFieldName("value");
        json.writeObject(op.value());
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
