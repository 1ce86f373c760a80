package io.faultline.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one codec for every message record: on the wire JSON (Jackson), except the two that carry operations,
 * which {@link OpsWire} lays out in binary; in-JVM the record itself (records are immutable, so local delivery
 * needs no copy). Values inside ops decode as the history readers produce them: integers as Long, lists as
 * List, maps as Map.
 */
public final class RecordCodec<T> implements MessageCodec<T, T> {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Class<T> type;

    RecordCodec(Class<T> type) {
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
        if (message instanceof Messages.InvokeBatch || message instanceof Messages.EventBatch) {
            int start = buffer.length();
            buffer.appendInt(0);
            if (message instanceof Messages.InvokeBatch batch) OpsWire.writeInvokeBatch(buffer, batch);
            else OpsWire.writeEventBatch(buffer, (Messages.EventBatch) message);
            buffer.setInt(start, buffer.length() - start - 4);
            return;
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(message);
            buffer.appendInt(bytes.length).appendBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        if (type == Messages.InvokeBatch.class) return type.cast(OpsWire.readInvokeBatch(new OpsWire.Reader(buffer, pos + 4)));
        if (type == Messages.EventBatch.class) return type.cast(OpsWire.readEventBatch(new OpsWire.Reader(buffer, pos + 4)));
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
