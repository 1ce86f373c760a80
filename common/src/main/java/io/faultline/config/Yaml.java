package io.faultline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading and writing YAML trees, with syntax errors turned into {@code file:line: problem}. */
final class Yaml {
    /*
     * Exact decimals keep a number's digits as written: "version: 3.10" must stay 3.10, not become 3.1.
     * Duplicate keys are errors because YAML would otherwise keep the last one without a word.
     */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Yaml() {
    }

    /** The document as a map of top-level fields. */
    static ObjectNode readDocument(String text, String source) throws ConfigException {
        rejectAliases(text, source);
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw ConfigException.inDocument(source + ":" + parser.currentLocation().getLineNr(),
                        "a second YAML document; a config is a single document, so remove the '---' and what follows");
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ConfigException.inDocument(source, "the config is empty; a test needs at least a name and a workload,"
                    + " e.g. name: my-test and workload: {name: register}");
        }
        if (!root.isObject()) {
            throw ConfigException.inDocument(source, "the config is " + (root.isArray() ? "a list" : "a single value")
                    + ", not a map of fields; start with e.g. name: my-test");
        }
        return (ObjectNode) root;
    }

    /**
     * One value as written on the command line, so that {@code [stale-reads]} is a list and {@code 4} a number;
     * nothing at all is null.
     */
    static JsonNode readValue(String text) throws JsonProcessingException {
        JsonNode value = MAPPER.readTree(text);
        return value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree could not be written", e);
        }
    }

    /** The problem of a YAML syntax error in one line, without the file excerpt SnakeYAML adds. */
    static String problem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext() == null || marked.getContextMark() == null ? ""
                    : " (" + marked.getContext() + " that starts on line " + (marked.getContextMark().getLine() + 1) + ")";
            return (marked.getProblem() + context).replaceAll("\\s*\\R\\s*", " ");
        }
        return e.getOriginalMessage().lines().findFirst().orElse("unreadable YAML");
    }

    /*
     * Jackson's tree model reads an alias (*name) as the text "name" rather than the anchored value, which
     * would pass validation with the wrong value; better to refuse them.
     */
    private static void rejectAliases(String text, String source) throws ConfigException {
        try (YAMLParser parser = (YAMLParser) MAPPER.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser.isCurrentAlias()) {
                    throw ConfigException.inDocument(source + ":" + parser.currentLocation().getLineNr(),
                            "YAML aliases (*" + parser.getText() + ") are not supported; repeat the value instead");
                }
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
    }

    private static ConfigException syntaxError(JsonProcessingException e, String source) {
        int line = e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null
                ? marked.getProblemMark().getLine() + 1
                : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return ConfigException.inDocument(line > 0 ? source + ":" + line : source, problem(e));
    }
}
