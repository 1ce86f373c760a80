package io.faultline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in {@code ${env:NAME}} from the environment and {@code ${version}} from {@code db.version}, in every
 * string of the tree. Other ${...} references, such as {@code ${node}} and {@code ${peers}}, stay: the agent fills
 * them in per node.
 */
final class Substitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:env:([^}]*)|version)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;
    private final String version;
    private final boolean versionFromEnv;
    /** Path of each string that took a value from the environment → the variables it took. */
    private final Map<String, Set<String>> fromEnv = new TreeMap<>();

    private Substitutions(Map<String, String> env, String version, boolean versionFromEnv) {
        this.env = env;
        this.version = version;
        this.versionFromEnv = versionFromEnv;
    }

    /**
     * Substitutes in place; returns the paths of the strings that took a value from the environment, each with the
     * variables it took (a {@code ${version}} that came from the environment takes none of its own).
     */
    static Map<String, Set<String>> substitute(ObjectNode root, Map<String, String> env) throws ConfigException {
        Node versionNode = Node.root(root).get("db").get("version");
        String written = versionNode.textOr(null);
        String version = null;
        Substitutions ofVersion = new Substitutions(env, null, false);
        if (written != null) {
            if (written.contains("${version}")) throw versionNode.invalid("refers to itself; write the version itself, e.g. 3.5.0");
            version = ofVersion.fill(written, versionNode.path());
        }
        Substitutions substitutions = new Substitutions(env, version, !ofVersion.fromEnv.isEmpty());
        substitutions.walk(root, "");
        return substitutions.fromEnv;
    }

    private void walk(JsonNode node, String path) throws ConfigException {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String fieldPath = Node.childPath(path, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(fill(field.getValue().textValue(), fieldPath)));
                } else {
                    walk(field.getValue(), fieldPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String elementPath = Node.elementPath(path, i);
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(fill(array.get(i).textValue(), elementPath)));
                } else {
                    walk(array.get(i), elementPath);
                }
            }
        }
    }

    private String fill(String text, String path) throws ConfigException {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) == null ? version(path) : env(m.group(1), path);
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    private String env(String name, String path) throws ConfigException {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new ConfigException(path, "'${env:" + name + "}' does not name an environment variable;"
                    + " write e.g. ${env:REPO_PASSWORD}");
        }
        String value = env.get(name);
        if (value == null) {
            throw new ConfigException(path, "environment variable " + name + " is not set;"
                    + " export it before running, e.g. export " + name + "=...");
        }
        fromEnv.computeIfAbsent(path, p -> new TreeSet<>()).add(name);
        return value;
    }

    private String version(String path) throws ConfigException {
        if (version == null) {
            throw new ConfigException(path, "uses ${version} but db.version is not set; set it in the file or with --version");
        }
        if (versionFromEnv) fromEnv.computeIfAbsent(path, p -> new TreeSet<>());
        return version;
    }
}
