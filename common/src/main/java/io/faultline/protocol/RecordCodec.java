package io.faultline.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one codec for every message record: JSON (Jackson) on the wire, the record itself in-JVM (records
 * are immutable, so local delivery needs no copy). Values inside ops decode as the history readers
 * produce them: integers as Long, lists as List, maps as Map.
 */
public final class RecordCodec<T> implements MessageCodec<T, T> {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Class<T> type;

    private RecordCodec(Class<T> type) {
        this.type = type;
    }

    /**
     * Registers the codec for every class in {@link Messages#ALL}. Idempotent: in the local provider the
     * control and every agent share one event bus, and each registers.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static synchronized void registerAll(EventBus bus) {
        for (Class<?> type : Messages.ALL) {
            try {
                bus.registerDefaultCodec((Class) type, new RecordCodec(type));
            } catch (IllegalStateException alreadyRegistered) {
                return;
            }
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(message);
            buffer.appendInt(bytes.length).appendBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        byte[] bytes = buffer.getBytes(pos + 4, pos + 4 + length);
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T transform(T message) {
        return message;
    }

    @Override
    public String name() {
        return "faultline-" + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
