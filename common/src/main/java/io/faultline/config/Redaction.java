package io.faultline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A copy of the config tree that can be stored and shown: values taken from the environment and values under
 * secret-looking keys read {@code "<redacted>"}.
 */
final class Redaction {
    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase", "secret",
            "secrets", "token", "tokens", "credential", "credentials", "creds", "auth", "authorization", "cookie", "apikey",
            "accesskey", "privatekey");
    /** Words that make the word after them, {@code key}, a secret: {@code api-key}, {@code AWS_ACCESS_KEY_ID}. */
    private static final Set<String> SECRET_KEY_KINDS = Set.of("api", "access", "private", "secret", "signing",
            "encryption", "ssh", "client", "master", "session");
    private static final Pattern WORD_BREAK = Pattern.compile("[^a-z0-9]+");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private Redaction() {
    }

    /**
     * A key names a secret when any of its words does, in any case and with any separator or camel case:
     * {@code password}, {@code api-token}, {@code ZOO_PASSWORD}, {@code SECRET_KEY}, {@code aws-secret-access-key},
     * {@code apiKey}, {@code credentials} (service env maps hold secrets too). {@code keys} alone is no secret.
     */
    static boolean isSecretKey(String key) {
        String[] words = WORD_BREAK.split(CAMEL_HUMP.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT));
        for (int i = 0; i < words.length; i++) {
            if (SECRET_WORDS.contains(words[i])) return true;
            if (words[i].equals("key") && i > 0 && SECRET_KEY_KINDS.contains(words[i - 1])) return true;
        }
        return false;
    }

    /**
     * @param path    where {@code node} sits in the config, as {@link Node} writes paths ({@code ""} for the root)
     * @param fromEnv the paths of the strings that {@code ${env:...}} went into
     */
    static JsonNode redact(JsonNode node, String path, Set<String> fromEnv) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                boolean secret = isSecretKey(e.getKey()) && !e.getValue().isNull();
                copy.set(e.getKey(), secret ? TextNode.valueOf(REDACTED)
                        : redact(e.getValue(), Node.childPath(path, e.getKey()), fromEnv));
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) copy.add(redact(node.get(i), Node.elementPath(path, i), fromEnv));
            return copy;
        }
        return fromEnv.contains(path) ? TextNode.valueOf(REDACTED) : node;
    }
}
