package io.faultline.checker.model;

import io.faultline.history.FailedCas;

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

    /** The model, reading failed cas ops as Jepsen does. */
    public static Model byName(String name) {
        return byName(name, FailedCas.DID_NOT_HAPPEN);
    }

    public static Model byName(String name, FailedCas failedCas) {
        Supplier<Model> model = switch (name) {
            case "register" -> RegisterModel::register;
            case "cas-register" -> () -> RegisterModel.casRegister(failedCas);
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
