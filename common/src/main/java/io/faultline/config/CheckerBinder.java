package io.faultline.config;

import io.faultline.history.FailedCas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code checker} section: checker names to their options. Options stay plain data, since each checker
 * reads its own; a key no checker reads is refused.
 */
final class CheckerBinder {

    private CheckerBinder() {
    }

    static Map<String, Map<String, Object>> bind(Node checker, Vocabulary vocabulary) throws ConfigException {
        List<String> names = Vocabulary.names(vocabulary.checkers());
        Map<String, Map<String, Object>> checkers = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : checker.fields("checker: {linearizable: {model: cas-register}}").entrySet()) {
            String name = entry.getKey();
            Node options = entry.getValue();
            if (!names.contains(name)) {
                throw options.error("unknown checker; " + Suggestions.allowed(name, names));
            }
            Map<String, Node> fields = options.fields(name + ": {}");
            List<String> keys = vocabulary.checkers().get(name);
            for (String key : fields.keySet()) {
                if (!keys.contains(key)) {
                    throw options.get(key).error("the " + name + " checker reads no option '" + key + "'; "
                            + (keys.isEmpty() ? "it takes none: write " + name + ": {}" : Suggestions.allowed(key, keys)));
                }
            }
            if (name.equals("linearizable")) {
                options.get("model").choiceOr(null, vocabulary.models(), "model");
                options.get("time-limit").positiveDurationOr(null);
                options.get("failed-cas").choiceOr(null, FailedCas.NAMES, "failed-cas");
                options.get("stop-on-invalid").boolOr(false);
            }
            if (keys.contains("consistency-models")) {
                options.get("consistency-models").choicesOr(null, vocabulary.consistencyModels(), "consistency model");
            }
            Map<String, Object> plain = new LinkedHashMap<>();
            fields.forEach((key, value) -> plain.put(key, value.plain()));
            checkers.put(name, plain);
        }
        return checkers;
    }
}
