package io.faultline.agent.etcd;

import io.faultline.spi.Completion;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elle's transactions ({@code f: txn}) on etcd, optimistically: one etcd txn reads every key the transaction names at
 * one revision; the micro-ops run on that snapshot; a second etcd txn writes the keys appended or written to only if
 * none of the keys named changed since (each key's mod revision compared). The commit is that second txn, and the
 * snapshot is still current then, so the history is strictly serializable when etcd is. A lost race fails with
 * {@code conflict} (nothing written). List-append keys hold a JSON array of integers, rw-register keys a decimal.
 */
final class EtcdTxn {
    private record Mop(String f, Object key, Long value) {
    }

    private final WebClient web;
    private final EtcdSettings settings;
    private final Object value;
    private final List<Mop> mops = new ArrayList<>();
    private final List<Object> keys = new ArrayList<>();
    private final boolean lists;

    EtcdTxn(WebClient web, EtcdSettings settings, Object value) {
        this.web = web;
        this.settings = settings;
        this.value = value;
        this.lists = settings.lists();
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException("a txn's value is a list of micro-ops, found " + value);
        for (Object m : list) {
            if (!(m instanceof List<?> parts) || parts.size() != 3 || !List.of("append", "w", "r").contains(String.valueOf(parts.get(0)))) {
                throw new IllegalArgumentException("a micro-op is [\"append\", key, value], [\"w\", key, value] or [\"r\", key, nil]; found " + m);
            }
            String f = (String) parts.get(0);
            Long v = parts.get(2) instanceof Number n ? n.longValue() : null;
            if (!f.equals("r") && v == null) throw new IllegalArgumentException("a write needs an integer value, found " + m);
            if (f.equals(lists ? "w" : "append")) {
                throw new IllegalArgumentException("keys hold " + (lists ? "lists: append to them" : "registers: write them with w") + "; found " + m);
            }
            mops.add(new Mop(f, parts.get(1), v));
            if (!keys.contains(parts.get(1))) keys.add(parts.get(1));
        }
    }

    Future<Completion> run() {
        JsonArray reads = new JsonArray();
        for (Object key : keys) reads.add(new JsonObject().put("requestRange", EtcdJson.range(EtcdJson.key(key), false)));
        // Until the commit is sent nothing was written: every failure before it is a fail.
        return post(new JsonObject().put("success", reads)).transform(sent -> {
            if (sent.failed()) return Future.succeededFuture(Completion.fail(value, EtcdClient.neverConnected(sent.cause())
                    ? EtcdClient.CONNECTION_REFUSED : String.valueOf(sent.cause().getMessage())));
            try {
                return commit(EtcdJson.answer(sent.result().statusCode(), sent.result().bodyAsString()));
            } catch (EtcdException e) {
                return Future.succeededFuture(Completion.fail(value, e.getMessage()));
            }
        });
    }

    /** Runs the micro-ops on the snapshot and writes what changed, guarded by every key's revision. */
    private Future<Completion> commit(JsonObject snapshot) {
        Map<Object, Object> state = new LinkedHashMap<>();
        Map<Object, Long> revision = new LinkedHashMap<>();
        JsonArray responses = snapshot.getJsonArray("responses", new JsonArray());
        for (int i = 0; i < keys.size(); i++) {
            JsonObject range = responses.getJsonObject(i).getJsonObject("response_range", new JsonObject());
            JsonArray kvs = range.getJsonArray("kvs");
            if (kvs == null || kvs.isEmpty()) {
                state.put(keys.get(i), lists ? List.of() : null);
                revision.put(keys.get(i), 0L);
            } else {
                JsonObject kv = kvs.getJsonObject(0);
                state.put(keys.get(i), decode(EtcdJson.fromBase64(kv.getString("value", ""))));
                revision.put(keys.get(i), Long.parseLong(kv.getString("mod_revision", "0")));
            }
        }
        List<Object> results = new ArrayList<>();
        Map<Object, Object> written = new LinkedHashMap<>();
        for (Mop m : mops) {
            switch (m.f()) {
                case "r" -> results.add(Arrays.asList("r", m.key(), state.get(m.key())));
                case "append" -> {
                    List<Object> next = new ArrayList<>((List<?>) state.get(m.key()));
                    next.add(m.value());
                    state.put(m.key(), List.copyOf(next));
                    written.put(m.key(), state.get(m.key()));
                    results.add(List.of("append", m.key(), m.value()));
                }
                default -> {
                    state.put(m.key(), m.value());
                    written.put(m.key(), m.value());
                    results.add(List.of("w", m.key(), m.value()));
                }
            }
        }
        if (written.isEmpty()) return Future.succeededFuture(Completion.ok(results));
        JsonArray compare = new JsonArray();
        revision.forEach((key, rev) -> compare.add(new JsonObject().put("key", EtcdJson.base64(EtcdJson.key(key)))
                .put("target", "MOD").put("result", "EQUAL").put("mod_revision", rev)));
        JsonArray puts = new JsonArray();
        written.forEach((key, v) -> puts.add(new JsonObject().put("requestPut", new JsonObject()
                .put("key", EtcdJson.base64(EtcdJson.key(key))).put("value", EtcdJson.base64(encode(v))))));
        return post(new JsonObject().put("compare", compare).put("success", puts))
                .transform(sent -> Future.succeededFuture(committed(sent, results)));
    }

    private Completion committed(AsyncResult<HttpResponse<Buffer>> sent, List<Object> results) {
        if (sent.failed()) {
            return EtcdClient.neverConnected(sent.cause()) ? Completion.fail(value, EtcdClient.CONNECTION_REFUSED)
                    : Completion.info(value, String.valueOf(sent.cause().getMessage()));
        }
        try {
            JsonObject answer = EtcdJson.answer(sent.result().statusCode(), sent.result().bodyAsString());
            return EtcdJson.succeeded(answer) ? Completion.ok(results) : Completion.fail(value, "conflict");
        } catch (EtcdException e) {
            return Completion.info(value, e.getMessage());
        }
    }

    private Future<HttpResponse<Buffer>> post(JsonObject body) {
        return web.postAbs(settings.endpoint() + "/v3/kv/txn").timeout(settings.requestTimeoutMillis()).sendJsonObject(body);
    }

    private Object decode(String text) {
        try {
            if (lists) return new JsonArray(text).getList().stream().map(e -> ((Number) e).longValue()).map(Object.class::cast).toList();
            return Long.parseLong(text);
        } catch (RuntimeException e) {
            throw new EtcdException("a key holds '" + text + "', which is not " + (lists ? "a JSON array of integers" : "a decimal integer"));
        }
    }

    private String encode(Object v) {
        return v instanceof List<?> list ? new JsonArray(new ArrayList<>(list)).encode() : String.valueOf(v);
    }
}
