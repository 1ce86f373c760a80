package io.faultline.agent.etcd;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The v3 JSON gateway's bodies. Keys and values are bytes, which the gateway carries as standard base64
 * (with padding: Vert.x's own binary encoding is URL-safe and would be misread). Fields at their default
 * value are left out of answers: no {@code kvs} means no key, no {@code succeeded} means false, no
 * {@code value} means an empty value.
 */
final class EtcdJson {

    static final String KEY_PREFIX = "/faultline/";
    static final String DEFAULT_KEY = "faultline";

    private EtcdJson() {
    }

    /** The etcd key of a workload key: a nil key is the single default key. */
    static String key(Object workloadKey) {
        return KEY_PREFIX + (workloadKey == null ? DEFAULT_KEY : workloadKey.toString());
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String fromBase64(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EtcdException("unreadable answer: '" + encoded + "' is not base64");
        }
    }

    static JsonObject range(String key, boolean serializable) {
        return new JsonObject().put("key", base64(key)).put("serializable", serializable);
    }

    static JsonObject put(String key, long value) {
        return new JsonObject().put("key", base64(key)).put("value", base64(Long.toString(value)));
    }

    /** Puts {@code to} only if the key holds {@code from}; a missing key never holds anything. */
    static JsonObject compareAndSet(String key, long from, long to) {
        JsonObject compare = new JsonObject()
                .put("key", base64(key))
                .put("target", "VALUE")
                .put("result", "EQUAL")
                .put("value", base64(Long.toString(from)));
        return new JsonObject()
                .put("compare", new JsonArray().add(compare))
                .put("success", new JsonArray().add(new JsonObject().put("requestPut", put(key, to))));
    }

    /**
     * The body of a gateway answer, or an {@link EtcdException} when it reports an error: a non-2xx status,
     * or a gRPC error body ({@code {"error": "etcdserver: request timed out", "code": 14}}).
     */
    static JsonObject answer(int status, String body) {
        JsonObject json = parse(body);
        String error = json == null ? null : json.getString("error", json.getString("message"));
        if (error != null && !error.isEmpty()) throw new EtcdException(error);
        if (status < 200 || status >= 300) throw new EtcdException("http " + status + describeBody(body));
        if (json == null) throw new EtcdException("unreadable answer: not a JSON object" + describeBody(body));
        return json;
    }

    /** A register's value from a range answer: nil when the key is absent. */
    static Long registerValue(JsonObject rangeAnswer) {
        JsonArray kvs = rangeAnswer.getJsonArray("kvs");
        if (kvs == null || kvs.isEmpty()) return null;
        JsonObject kv = kvs.getJsonObject(0);
        String text = fromBase64(kv.getString("value", ""));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new EtcdException("key " + fromBase64(kv.getString("key", "")) + " holds '" + text
                    + "', not a decimal integer");
        }
    }

    static boolean succeeded(JsonObject txnAnswer) {
        return txnAnswer.getBoolean("succeeded", false);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static String describeBody(String body) {
        if (body == null || body.isBlank()) return "";
        String text = body.strip();
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
