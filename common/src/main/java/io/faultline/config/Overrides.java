package io.faultline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies command-line overrides to the YAML tree before anything else reads it, so an override is checked
 * exactly like the file. Paths are dotted, with indexes into existing lists: {@code services[0].image}; maps
 * that are missing on the way are created.
 */
final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=\\s]+)((?:\\[\\d{1,9}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");

    private Overrides() {
    }

    static void apply(ObjectNode root, List<ConfigLoader.Override> overrides) throws ConfigException {
        for (ConfigLoader.Override override : overrides) apply(root, override);
    }

    private static void apply(ObjectNode root, ConfigLoader.Override override) throws ConfigException {
        List<Object> steps = steps(override.path());
        JsonNode value;
        try {
            value = Yaml.readValue(override.value());
        } catch (JsonProcessingException e) {
            throw new ConfigException(override.path(), "'" + override.value() + "' is not a YAML value: "
                    + Yaml.problem(e) + "; put it in quotes to pass it as text");
        }
        JsonNode container = root;
        String path = "";
        for (int i = 0; ; i++) {
            Object step = steps.get(i);
            checkFits(container, step, path, override.path());
            String stepPath = step instanceof String key ? Node.childPath(path, key) : Node.elementPath(path, (Integer) step);
            if (i == steps.size() - 1) {
                put(container, step, value);
                return;
            }
            JsonNode child = step instanceof String key ? container.get(key) : container.get((Integer) step);
            if (child == null || child.isNull()) {
                // Only maps can be made up on the way: an index into a list that isn't there has nothing to point at.
                if (steps.get(i + 1) instanceof Integer) {
                    throw new ConfigException(override.path(), "cannot override: " + stepPath
                            + " is not set; set the whole list instead, e.g. " + stepPath + "=[...]");
                }
                child = JsonNodeFactory.instance.objectNode();
                put(container, step, child);
            }
            container = child;
            path = stepPath;
        }
    }

    /** Keys (String) and list indexes (Integer), in order. */
    private static List<Object> steps(String path) throws ConfigException {
        List<Object> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw new ConfigException(path, "is not a field path; write e.g. workload.keys or services[0].image");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) steps.add(Integer.parseInt(index.group(1)));
        }
        return steps;
    }

    private static void checkFits(JsonNode container, Object step, String path, String overridePath) throws ConfigException {
        if (step instanceof String) {
            if (!container.isObject()) {
                throw new ConfigException(overridePath, "cannot override: " + path + " is " + kind(container) + ", not a map");
            }
        } else if (!container.isArray()) {
            throw new ConfigException(overridePath, "cannot override: " + path + " is " + kind(container) + ", not a list");
        } else if ((Integer) step >= container.size()) {
            throw new ConfigException(overridePath, "cannot override: " + path + " has " + container.size()
                    + (container.size() == 1 ? " entry" : " entries") + ", so " + Node.elementPath(path, (Integer) step)
                    + " does not exist");
        }
    }

    private static void put(JsonNode container, Object step, JsonNode value) {
        if (step instanceof String key) {
            ((ObjectNode) container).set(key, value);
        } else {
            ((ArrayNode) container).set((Integer) step, value);
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) return "a map";
        if (node.isArray()) return "a list";
        return "a single value";
    }
}
