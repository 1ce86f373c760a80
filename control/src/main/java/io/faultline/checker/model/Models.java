package io.faultline.checker.model;

import io.faultline.history.FailedCas;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** The models by name, as the command line and configs name them. */
public final class Models {
    private static final List<String> NAMES =
            List.of("register", "cas-register", "kv", "mutex", "fifo-queue", "unordered-queue", "set");

    private Models() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Registers start at nil, as Jepsen's model does. */
    public static final List<Object> JEPSEN_INITIAL = Collections.singletonList(null);

    /** The model as Faultline's own runs use it: failed cas as Jepsen reads it, registers starting at nil. */
    public static Model byName(String name) {
        return byName(name, FailedCas.DID_NOT_HAPPEN, JEPSEN_INITIAL);
    }

    /** @param initialValues where a register may start (other models have a fixed start and ignore it) */
    public static Model byName(String name, FailedCas failedCas, List<?> initialValues) {
        Supplier<Model> model = switch (name) {
            case "register" -> () -> RegisterModel.register(initialValues);
            case "cas-register" -> () -> RegisterModel.casRegister(failedCas, initialValues);
            case "kv" -> () -> RegisterModel.kv(failedCas);
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
}
