package io.faultline.checker.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The models by name, as the command line and configs name them; each is registered once, here. */
public final class Models {
    private static final Map<String, Supplier<Model>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("register", RegisterModel::register);
        ALL.put("cas-register", RegisterModel::casRegister);
        ALL.put("kv", RegisterModel::kv);
        ALL.put("mutex", MutexModel::new);
        ALL.put("fifo-queue", FifoQueueModel::new);
        ALL.put("unordered-queue", UnorderedQueueModel::new);
        ALL.put("set", SetModel::new);
    }

    private Models() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Model byName(String name) {
        // "queue" is what Jepsen calls the FIFO queue; it is accepted but not listed.
        Supplier<Model> model = ALL.get(name.equals("queue") ? "fifo-queue" : name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; expected one of: " + String.join(", ", names()));
        }
        return model.get();
    }
}
