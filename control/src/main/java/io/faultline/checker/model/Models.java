package io.faultline.checker.model;

import io.faultline.history.FailedCas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models by name, as the command line and configs name them; each is registered once, here. */
public final class Models {
    /** Registers start at nil, as Jepsen's model does. */
    public static final List<Object> JEPSEN_INITIAL = Collections.singletonList(null);

    /** Makes a model, given how to read a failed cas and where a register may start (other models ignore both). */
    private interface Factory {
        Model make(FailedCas failedCas, List<?> initialValues);
    }

    private static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        ALL.put("register", (failedCas, initial) -> RegisterModel.register(initial));
        ALL.put("cas-register", RegisterModel::casRegister);
        ALL.put("kv", (failedCas, initial) -> RegisterModel.kv(failedCas));
        ALL.put("mutex", (failedCas, initial) -> new MutexModel());
        ALL.put("fifo-queue", (failedCas, initial) -> new FifoQueueModel());
        ALL.put("unordered-queue", (failedCas, initial) -> new UnorderedQueueModel());
        ALL.put("set", (failedCas, initial) -> new SetModel());
    }

    private Models() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The model as Faultline's own runs use it: failed cas as Jepsen reads it, registers starting at nil. */
    public static Model byName(String name) {
        return byName(name, FailedCas.DID_NOT_HAPPEN, JEPSEN_INITIAL);
    }

    public static Model byName(String name, FailedCas failedCas, List<?> initialValues) {
        // "queue" is what Jepsen calls the FIFO queue; it is accepted but not listed.
        Factory model = ALL.get(name.equals("queue") ? "fifo-queue" : name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; expected one of: " + String.join(", ", names()));
        }
        return model.make(failedCas, initialValues);
    }
}
