package io.faultline.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A value of the config tree together with its dotted path, so that every reading step can say exactly which
 * field is wrong. Absent and null values both mean "not given", and the {@code ...Or} readers return the default.
 *
 * <p>Scalars are read by what they say, not by their YAML type: {@code "8"} is a fine number. Values that come
 * from {@code ${env:...}} are always text, and a config would otherwise need quoting rules users can't see.
 */
public final class Node {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final JsonNode json;
    private final String path;
    /** The map key this value sits under; null for the root and list elements. */
    private final String key;
    /** Paths of the values that came from {@code ${env:...}}, with their variables: messages show them redacted. */
    private final Map<String, Set<String>> fromEnv;

    private Node(JsonNode json, String path, String key, Map<String, Set<String>> fromEnv) {
        this.json = json;
        this.path = path;
        this.key = key;
        this.fromEnv = fromEnv;
    }

    static Node root(JsonNode json) {
        return root(json, Map.of());
    }

    static Node root(JsonNode json, Map<String, Set<String>> fromEnv) {
        return new Node(json, "", null, fromEnv);
    }

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String elementPath(String parent, int index) {
        return parent + "[" + index + "]";
    }

    String path() {
        return path;
    }

    public boolean isPresent() {
        return !json.isMissingNode() && !json.isNull();
    }

    boolean isList() {
        return json.isArray();
    }

    boolean isText() {
        return json.isTextual();
    }

    /** A whole number, or text that is one. */
    boolean isWholeNumber() {
        return json.isIntegralNumber() || json.isTextual() && WHOLE_NUMBER.matcher(json.textValue().strip()).matches();
    }

    /** Any number, or text that is one. */
    public boolean isNumeric() {
        return json.isNumber() || json.isTextual() && DECIMAL.matcher(json.textValue().strip()).matches();
    }

    public Node get(String childKey) {
        return new Node(json.path(childKey), childPath(path, childKey), childKey, fromEnv);
    }

    public ConfigException error(String problem) {
        return new ConfigException(path, problem);
    }

    /** An error that quotes the value first: {@code nodes: 0 is out of range; ...}. */
    public ConfigException invalid(String problem) {
        return error(show() + " " + problem);
    }

    Node require(String advice) throws ConfigException {
        if (!isPresent()) throw error("missing; " + advice);
        return this;
    }

    /** The fields of a map, in the order written; none when absent. */
    Map<String, Node> fields(String example) throws ConfigException {
        if (!isPresent()) return Map.of();
        if (!json.isObject()) throw invalid("is not a map; write e.g. " + example);
        Map<String, Node> fields = new LinkedHashMap<>();
        json.properties().forEach(e -> fields.put(e.getKey(), get(e.getKey())));
        return fields;
    }

    /** Checks this is a map with no keys but the allowed ones, so that typos don't silently become defaults. */
    void allowOnly(List<String> allowed, String example) throws ConfigException {
        for (String name : fields(example).keySet()) {
            if (!allowed.contains(name)) throw get(name).error("unknown field; " + Suggestions.allowed(name, allowed));
        }
    }

    /** The elements of a list; none when absent. */
    public List<Node> elements(String example) throws ConfigException {
        if (!isPresent()) return List.of();
        if (!json.isArray()) throw invalid("is not a list; write e.g. " + example);
        List<Node> elements = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) elements.add(new Node(json.get(i), elementPath(path, i), null, fromEnv));
        return elements;
    }

    public String text() throws ConfigException {
        if (!isPresent()) throw error("missing");
        if (json.isBoolean()) throw invalid("is not text; YAML reads yes, no, true and false as booleans, so quote the word");
        if (!json.isValueNode()) throw invalid("is not text");
        return json.asText();
    }

    String textOr(String dflt) throws ConfigException {
        return isPresent() ? text() : dflt;
    }

    /** Text that must not be blank, such as a command or an image; {@code advice} says what to write instead. */
    String nonBlankText(String advice) throws ConfigException {
        String text = text();
        if (text.isBlank()) throw invalid("is empty; " + advice);
        return text;
    }

    long wholeNumber() throws ConfigException {
        if (!isWholeNumber()) throw invalid("is not a whole number");
        if (json.isIntegralNumber()) {
            if (!json.canConvertToLong()) throw invalid("is too large");
            return json.longValue();
        }
        try {
            return Long.parseLong(json.textValue().strip());
        } catch (NumberFormatException tooLarge) {
            throw invalid("is too large");
        }
    }

    int intOr(int dflt, int min, int max) throws ConfigException {
        if (!isPresent()) return dflt;
        long value = wholeNumber();
        String range = max == Integer.MAX_VALUE ? min + " or more" : min + ".." + max;
        if (value < min) throw invalid((max == Integer.MAX_VALUE ? "is too small" : "is out of range") + "; use " + range);
        if (value > max) throw invalid((max == Integer.MAX_VALUE ? "is too large" : "is out of range") + "; use " + range);
        return (int) value;
    }

    public double number() throws ConfigException {
        if (!isNumeric()) throw invalid("is not a number");
        return json.isNumber() ? json.doubleValue() : Double.parseDouble(json.textValue().strip());
    }

    public boolean boolOr(boolean dflt) throws ConfigException {
        if (!isPresent()) return dflt;
        if (json.isBoolean()) return json.booleanValue();
        if (json.isTextual() && json.textValue().strip().matches("true|false")) return Boolean.parseBoolean(json.textValue().strip());
        throw invalid("is not true or false");
    }

    public Duration positiveDurationOr(Duration dflt) throws ConfigException {
        if (!isPresent()) return dflt;
        Duration d = durationOr(dflt, "use a positive duration, e.g. 10s");
        if (d.isZero()) throw invalid("is too short; use a positive duration, e.g. 10s");
        return d;
    }

    Duration nonNegativeDurationOr(Duration dflt) throws ConfigException {
        return durationOr(dflt, "use 0s or more, e.g. 2s");
    }

    private Duration durationOr(Duration dflt, String whenNegative) throws ConfigException {
        if (!isPresent()) return dflt;
        if (json.isNumber()) throw invalid("has no unit; write e.g. " + json.asText() + "s");
        if (!json.isTextual()) throw invalid("is not a duration; write a number and a unit, e.g. 30s");
        if (json.textValue().strip().startsWith("-")) throw invalid("is negative; " + whenNegative);
        try {
            return Durations.parse(json.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid("is not a duration; write a number and a unit: 500ms, 30s, 2m, 1h");
        }
    }

    /** One of a fixed set of names: {@code 'kubernetes' is not a provider; allowed: local, docker, external}. */
    String choiceOr(String dflt, List<String> allowed, String noun) throws ConfigException {
        if (!isPresent()) return dflt;
        String value = text();
        if (!allowed.contains(value)) throw invalid("is not a " + noun + "; " + Suggestions.allowed(value, allowed));
        return value;
    }

    /** A list of distinct names from a fixed set: {@code unknown fault 'partitoin'; allowed: ...}. */
    public List<String> choicesOr(List<String> dflt, List<String> allowed, String noun) throws ConfigException {
        if (!isPresent()) return dflt;
        List<String> chosen = new ArrayList<>();
        for (Node element : elements("[" + allowed.get(0) + ", " + allowed.get(1) + "]")) {
            String value = element.text();
            if (!allowed.contains(value)) {
                throw element.error("unknown " + noun + " " + element.show() + "; " + Suggestions.allowed(value, allowed));
            }
            if (chosen.contains(value)) throw element.invalid("appears twice; name each " + noun + " once");
            chosen.add(value);
        }
        return chosen;
    }

    List<String> textsOr(List<String> dflt, String example) throws ConfigException {
        if (!isPresent()) return dflt;
        List<String> texts = new ArrayList<>();
        for (Node element : elements(example)) texts.add(element.text());
        return texts;
    }

    /** The value as plain Java data, for options that their checker or client interprets later. */
    Object plain() {
        return Values.plain(json);
    }

    /** The value as a message quotes it; secrets and whatever came from the environment are not shown. */
    String show() {
        if (key != null && Redaction.isSecretKey(key) || fromEnv.containsKey(path)) return Redaction.REDACTED;
        return Values.shown(Redaction.redact(json, path, fromEnv.keySet()));
    }

    /** The environment variables this value was made of, in order; empty when it was written in the file. */
    List<String> envVariables() {
        return List.copyOf(fromEnv.getOrDefault(path, Set.of()));
    }
}
