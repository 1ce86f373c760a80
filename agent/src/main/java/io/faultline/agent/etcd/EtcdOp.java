package io.faultline.agent.etcd;

import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/**
 * One invocation, checked and turned into a gateway request: where it goes, what it sends, and what an
 * answer means for it.
 *
 * @param value    the invocation's value, normalized (integers as Long): what a fail or info carries
 * @param onAnswer the completion for a successful answer; may throw {@link EtcdException}
 */
record EtcdOp(String f, String path, JsonObject body, Object value, Function<JsonObject, Completion> onAnswer) {

    static final List<String> FS = List.of("read", "write", "cas");

    static EtcdOp of(Invocation invocation, boolean serializableReads) {
        String f = invocation.f();
        String key = EtcdJson.key(invocation.key());
        if ("read".equals(f)) {
            return new EtcdOp(f, "/v3/kv/range", EtcdJson.range(key, serializableReads), null,
                    answer -> Completion.ok(EtcdJson.registerValue(answer)));
        }
        if ("write".equals(f)) {
            Long value = asLong(invocation.value());
            if (value == null) throw new IllegalArgumentException("write needs an integer value, found " + invocation.value());
            return new EtcdOp(f, "/v3/kv/put", EtcdJson.put(key, value), value, answer -> Completion.ok(value));
        }
        if ("cas".equals(f)) {
            List<Long> fromTo = fromTo(invocation.value());
            // A compare that failed is a fail without error: checkers read it as "the register did not hold from".
            return new EtcdOp(f, "/v3/kv/txn", EtcdJson.compareAndSet(key, fromTo.get(0), fromTo.get(1)), fromTo,
                    answer -> EtcdJson.succeeded(answer) ? Completion.ok(fromTo) : Completion.compareFailed(fromTo));
        }
        throw new IllegalArgumentException("the etcd client knows f " + String.join(", ", FS) + "; found '" + f + "'");
    }

    /**
     * An operation that ended in an error after its request may have been sent. A read changes nothing, so
     * calling it failed is safe whether or not it ran; a write or cas may have been applied, so nobody knows.
     */
    Completion mayHaveBeenSent(String error) {
        return f.equals("read") ? Completion.fail(value, error) : Completion.info(value, error);
    }

    /** No connection was made, so no request was sent: whatever the f, nothing happened. */
    Completion notSent(String error) {
        return Completion.fail(value, error);
    }

    private static List<Long> fromTo(Object value) {
        if (value instanceof List<?> list && list.size() == 2) {
            Long from = asLong(list.get(0));
            Long to = asLong(list.get(1));
            if (from != null && to != null) return List.of(from, to);
        }
        throw new IllegalArgumentException("cas needs a value [from to] of integers, found " + value);
    }

    /** Integers arrive as Integer from Java callers and as Long from JSON. */
    private static Long asLong(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return null;
    }
}
