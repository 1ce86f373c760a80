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
    private final Layout<T> layout;

    /** How a message's bytes follow its length prefix. */
    private interface Layout<T> {
        void write(Buffer out, T message) throws IOException;

        T read(Buffer in, int start, int end) throws IOException;
    }

    RecordCodec(Class<T> type) {
        this.type = type;
        this.layout = layoutOf(type);
    }

    @SuppressWarnings("unchecked")
    private static <T> Layout<T> layoutOf(Class<T> type) {
        if (type == Messages.InvokeBatch.class) {
            return (Layout<T>) new Layout<Messages.InvokeBatch>() {
                public void write(Buffer out, Messages.InvokeBatch batch) {
                    OpsWire.writeInvokeBatch(out, batch);
                }

                public Messages.InvokeBatch read(Buffer in, int start, int end) {
                    return OpsWire.readInvokeBatch(new OpsWire.Reader(in, start));
                }
            };
        }
        if (type == Messages.EventBatch.class) {
            return (Layout<T>) new Layout<Messages.EventBatch>() {
                public void write(Buffer out, Messages.EventBatch batch) {
                    OpsWire.writeEventBatch(out, batch);
                }

                public Messages.EventBatch read(Buffer in, int start, int end) {
                    return OpsWire.readEventBatch(new OpsWire.Reader(in, start));
                }
            };
        }
        return new Layout<>() {
            public void write(Buffer out, T message) throws IOException {
                out.appendBytes(JSON.writeValueAsBytes(message));
            }

            public T read(Buffer in, int start, int end) throws IOException {
                return JSON.readValue(in.getBytes(start, end), type);
            }
        };
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
        int start = buffer.length();
        buffer.appendInt(0);
        try {
            layout.write(buffer, message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
        buffer.setInt(start, buffer.length() - start - 4);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        try {
            return layout.read(buffer, pos + 4, pos + 4 + length);
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
