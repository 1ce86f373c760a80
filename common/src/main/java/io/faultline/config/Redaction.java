package io.faultline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;
import java.util.Set;

/**
 * A copy of the config tree that can be stored and shown: values taken from the environment and values under
 * secret-looking keys read {@code "<redacted>"}.
 */
final class Redaction {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_WORDS = Set.of("password", "token", "secret");

    private Redaction() {
    }

    /**
     * A key names a secret when it is, or ends in, password, token or secret in any case and with any separator:
     * {@code password}, {@code api-token}, {@code ZOO_PASSWORD} (service env maps hold secrets too).
     */
    static boolean isSecretKey(String key) {
        String[] words = key.toLowerCase(Locale.ROOT).split("[-_.]");
        return words.length > 0 && SECRET_WORDS.contains(words[words.length - 1]);
    }

    /** @param fromEnv the paths of the strings that {@code ${env:...}} went into, as {@link Node} writes paths */
    static JsonNode redact(JsonNode tree, Set<String> fromEnv) {
        return copy(tree, "", fromEnv);
    }

    private static JsonNode copy(JsonNode node, String path, Set<String> fromEnv) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                boolean secret = isSecretKey(e.getKey()) && !e.getValue().isNull();
                copy.set(e.getKey(), secret ? TextNode.valueOf(REDACTED)
                        : copy(e.getValue(), Node.childPath(path, e.getKey()), fromEnv));
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) copy.add(copy(node.get(i), Node.elementPath(path, i), fromEnv));
            return copy;
        }
        return fromEnv.contains(path) ? TextNode.valueOf(REDACTED) : node;
    }
}
