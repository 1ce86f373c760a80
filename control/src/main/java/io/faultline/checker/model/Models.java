package io.faultline.checker.model;

import io.faultline.history.EdnReader;
import io.faultline.history.HistoryParseException;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models by name, as the command line and configs name them. {@code multi-register} may be followed by
 * its registers' initial values as an EDN map, as Knossos' constructor takes them:
 * {@code multi-register {:x 0 :y 0}}.
 */
public final class Models {
    private static final List<String> NAMES =
            List.of("register", "cas-register", "kv", "multi-register", "mutex", "fifo-queue", "unordered-queue", "set");

    private Models() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static Model byName(String spec) {
        String name = spec.strip();
        String argument = null;
        int end = 0;
        while (end < name.length() && name.charAt(end) != '{' && !Character.isWhitespace(name.charAt(end))) end++;
        if (end < name.length()) {
            argument = name.substring(end).strip();
            name = name.substring(0, end);
        }
        if (argument != null && !name.equals("multi-register")) {
            throw new IllegalArgumentException("model '" + name + "' takes no argument; found '" + argument + "'");
        }
        if (name.equals("multi-register")) return new MultiRegisterModel(argument == null ? Map.of() : initialValues(argument));
        Supplier<Model> model = switch (name) {
            case "register" -> RegisterModel::register;
            case "cas-register" -> RegisterModel::casRegister;
            case "kv" -> RegisterModel::kv;
            case "mutex" -> MutexModel::new;
            case "fifo-queue", "queue" -> FifoQueueModel::new;
            case "unordered-queue" -> UnorderedQueueModel::new;
            case "set" -> SetModel::new;
            default -> null;
        };
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; expected one of: " + String.join(", ", NAMES));
        }
        return model.get();
    }

    private static Map<?, ?> initialValues(String edn) {
        try {
            if (EdnReader.readOne("multi-register's initial values", edn) instanceof Map<?, ?> values) return values;
        } catch (HistoryParseException e) {
            throw new IllegalArgumentException(e.getMessage() + " (expected e.g. multi-register {:x 0 :y 0})");
        }
        throw new IllegalArgumentException("multi-register's initial values must be an EDN map such as {:x 0 :y 0}; found " + edn);
    }
}
