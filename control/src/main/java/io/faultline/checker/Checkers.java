package io.faultline.checker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Looks checkers up by the names used in test configs and on the command line; each is registered once, here. */
public final class Checkers {
    private static final Map<String, Supplier<Checker>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("set", SetChecker::new);
        ALL.put("counter", CounterChecker::new);
        ALL.put("total-queue", TotalQueueChecker::new);
        ALL.put("unique-ids", UniqueIdsChecker::new);
        ALL.put("stats", StatsChecker::new);
    }

    private Checkers() {
    }

    /** The names {@link #byName} accepts, in the order they are listed to users. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** A new checker of the given name; the error for an unknown name lists the names allowed. */
    public static Checker byName(String name) {
        Supplier<Checker> checker = ALL.get(Objects.requireNonNull(name, "name"));
        if (checker == null) {
            throw new IllegalArgumentException("unknown checker '" + name + "'; expected one of: " + String.join(", ", names()));
        }
        return checker.get();
    }
}
