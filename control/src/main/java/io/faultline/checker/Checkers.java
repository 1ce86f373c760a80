package io.faultline.checker;

import java.util.List;
import java.util.Objects;

/** Looks checkers up by the names used in test configs and on the command line. */
public final class Checkers {
    private static final List<String> NAMES = List.of("set", "counter", "total-queue", "unique-ids", "stats");

    private Checkers() {
    }

    /** The names {@link #byName} accepts, in the order they are listed to users. */
    public static List<String> names() {
        return NAMES;
    }

    /** A new checker of the given name; the error for an unknown name lists the names allowed. */
    public static Checker byName(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "set" -> new SetChecker();
            case "counter" -> new CounterChecker();
            case "total-queue" -> new TotalQueueChecker();
            case "unique-ids" -> new UniqueIdsChecker();
            case "stats" -> new StatsChecker();
            default -> throw new IllegalArgumentException(
                    "unknown checker '" + name + "'; expected one of: " + String.join(", ", NAMES));
        };
    }
}
