package io.faultline.agent.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.config.ArchiveConfig;
import io.faultline.config.DbConfig;
import io.faultline.config.Durations;
import io.faultline.config.ReadyConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the db section the Docker provider passes in {@code FAULTLINE_DB}. The control validated it already,
 * so this only maps it, tolerating missing fields; a missing name means etcd, the nodes' built-in database.
 */
public final class DbJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DbJson() {
    }

    /** @throws IllegalArgumentException when the text is not JSON or a field has the wrong shape */
    public static DbConfig parse(String json) {
        JsonNode db;
        try {
            db = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("FAULTLINE_DB is not JSON: " + e.getOriginalMessage());
        }
        if (!db.isObject()) throw new IllegalArgumentException("FAULTLINE_DB must be a JSON object, not " + db.getNodeType());
        return new DbConfig(text(db, "name", "etcd"), text(db, "version", null), archive(db.path("archive")),
                text(db, "start", null), ready(db.path("ready")), texts(db, "logs"), texts(db, "bugs"));
    }

    private static ArchiveConfig archive(JsonNode archive) {
        if (!archive.isObject() || text(archive, "url", null) == null) return null;
        return new ArchiveConfig(text(archive, "url", null), text(archive, "username", null),
                text(archive, "password", null), text(archive, "sha256", null));
    }

    private static ReadyConfig ready(JsonNode ready) {
        if (!ready.isObject()) return null;
        JsonNode tcp = ready.path("tcp");
        return new ReadyConfig(tcp.canConvertToInt() ? tcp.asInt() : null, text(ready, "http", null), timeout(ready.path("timeout")));
    }

    /** Text as users write it ({@code 30s}); a number is seconds, which is how Jackson writes a {@code Duration}. */
    private static Duration timeout(JsonNode timeout) {
        if (timeout.isNumber()) return Duration.ofMillis(Math.round(timeout.asDouble() * 1_000));
        if (timeout.isTextual()) return Durations.parse(timeout.asText());
        return ReadyConfig.DEFAULT_TIMEOUT;
    }

    private static String text(JsonNode parent, String field, String fallback) {
        JsonNode value = parent.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : fallback;
    }

    private static List<String> texts(JsonNode parent, String field) {
        List<String> out = new ArrayList<>();
        JsonNode value = parent.path(field);
        if (value.isArray()) value.forEach(item -> out.add(item.asText()));
        else if (value.isTextual()) out.add(value.asText());
        return out;
    }
}
