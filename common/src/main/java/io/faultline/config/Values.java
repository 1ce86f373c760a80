package io.faultline.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tree values turned into plain Java data, or into text for a one-line message. */
final class Values {
    private static final int SHOWN_CHARS = 60;

    private Values() {
    }

    /**
     * Plain data, as {@link io.faultline.history.Op} values are: null, String, Boolean, Long (BigInteger when
     * too large), Double, List or Map, the containers unmodifiable and maps in the order written.
     */
    static Object plain(JsonNode json) {
        if (json.isMissingNode() || json.isNull()) return null;
        if (json.isBoolean()) return json.booleanValue();
        if (json.isIntegralNumber()) return json.canConvertToLong() ? (Object) json.longValue() : json.bigIntegerValue();
        if (json.isNumber()) return json.doubleValue();
        if (json.isArray()) {
            List<Object> list = new ArrayList<>();
            json.forEach(element -> list.add(plain(element)));
            return Collections.unmodifiableList(list);
        }
        if (json.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            json.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        return json.asText();
    }

    /**
     * Text in quotes, everything else in YAML flow style, on one line and cut short when long: {@code '2x'},
     * {@code [1, 2]}.
     */
    static String shown(JsonNode json) {
        String shown = flow(json);
        return shown.length() <= SHOWN_CHARS ? shown : shown.substring(0, SHOWN_CHARS) + "…";
    }

    private static String flow(JsonNode json) {
        if (json.isMissingNode() || json.isNull()) return "null";
        if (json.isTextual()) return "'" + json.textValue().replace("'", "''").replace("\n", "\\n") + "'";
        if (json.isArray()) {
            List<String> elements = new ArrayList<>();
            json.forEach(element -> elements.add(flow(element)));
            return "[" + String.join(", ", elements) + "]";
        }
        if (json.isObject()) {
            List<String> entries = new ArrayList<>();
            json.properties().forEach(e -> entries.add(e.getKey() + ": " + flow(e.getValue())));
            return "{" + String.join(", ", entries) + "}";
        }
        return json.asText();
    }
}
