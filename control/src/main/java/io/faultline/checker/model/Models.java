package io.faultline.checker.model;

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

    public static Model byName(String name) {
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
}
