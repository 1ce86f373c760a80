package io.faultline.checker.model;

import io.faultline.history.EdnReader;
import io.faultline.history.FailedCas;
import io.faultline.history.HistoryParseException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models by name, as the command line and configs name them; each is registered once, here.
 * {@code multi-register} may be followed by its registers' initial values as an EDN map, as Knossos'
 * constructor takes them: {@code multi-register {:x 0 :y 0}}.
 */
public final class Models {
    /** Registers start at nil, as Jepsen's model does. */
    public static final List<Object> JEPSEN_INITIAL = Collections.singletonList(null);

    /**
     * Makes a model, given how to read a failed cas, where a register may start and the argument written
     * after the name (models that take none ignore what they do not use).
     */
    private interface Factory {
        Model make(FailedCas failedCas, List<?> initialValues, String argument);
    }

    private static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        ALL.put("register", (failedCas, initial, arg) -> RegisterModel.register(initial));
        ALL.put("cas-register", (failedCas, initial, arg) -> RegisterModel.casRegister(failedCas, initial));
        ALL.put("kv", (failedCas, initial, arg) -> RegisterModel.kv(failedCas));
        ALL.put("multi-register", (failedCas, initial, arg) -> new MultiRegisterModel(arg == null ? Map.of() : initialValues(arg)));
        ALL.put("mutex", (failedCas, initial, arg) -> new MutexModel());
        ALL.put("fifo-queue", (failedCas, initial, arg) -> new FifoQueueModel());
        ALL.put("unordered-queue", (failedCas, initial, arg) -> new UnorderedQueueModel());
        ALL.put("set", (failedCas, initial, arg) -> new SetModel());
    }

    private Models() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The model as Faultline's own runs use it: failed cas as Jepsen reads it, registers starting at nil. */
    public static Model byName(String spec) {
        return byName(spec, FailedCas.DID_NOT_HAPPEN, JEPSEN_INITIAL);
    }

    /** @param spec a model's name, for multi-register optionally followed by its initial values */
    public static Model byName(String spec, FailedCas failedCas, List<?> initialValues) {
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
        // "queue" is what Jepsen calls the FIFO queue; it is accepted but not listed.
        Factory model = ALL.get(name.equals("queue") ? "fifo-queue" : name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; expected one of: " + String.join(", ", names()));
        }
        return model.make(failedCas, initialValues, argument);
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
