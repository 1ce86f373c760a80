package io.faultline.fault;

import io.faultline.config.ConfigException;
import io.faultline.config.DbConfig;
import io.faultline.config.TestConfig;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which nodes a kill or a pause hits, as Jepsen's nemesis targets: {@code minority} (one node or a minority, the
 * default), {@code one}, {@code all}, or {@code primary}, the node that leads when the fault starts — which only the
 * db knows, so the nemesis asks it then ({@link FaultFamily.AtPrimary}). Each name is registered once, here.
 */
public final class Targets {
    public static final String MINORITY = "minority";
    public static final String ONE = "one";
    public static final String ALL = "all";
    public static final String PRIMARY = "primary";
    public static final List<String> NAMES = List.of(MINORITY, ONE, ALL, PRIMARY);
    public static final List<String> DEFAULT = List.of(MINORITY);

    private Targets() {
    }

    /** Refuses {@code field} naming the primary when the run's db cannot say which node that is. */
    static void refusePrimaryUnlessTheDbHasOne(String field, TestConfig config) throws ConfigException {
        String db = config.db().name();
        if (!DbConfig.WITH_PRIMARY.contains(db)) {
            throw new ConfigException(field, "primary is the node the db says leads, and only db " + String.join(", ", DbConfig.WITH_PRIMARY)
                    + " says so; db " + db + " has no primary to aim at: remove primary");
        }
    }

    /** The nodes {@code target} names among {@code nodes}; {@code primary} is not among them, the db answers it. */
    static List<String> pick(String target, List<String> nodes, SplittableRandom random) {
        return switch (target) {
            case MINORITY -> FaultFamily.someNodes(random, nodes);
            case ONE -> List.of(nodes.get(random.nextInt(nodes.size())));
            case ALL -> List.copyOf(nodes);
            default -> throw new IllegalArgumentException("target '" + target + "' is not drawn from the nodes; allowed: " + NAMES);
        };
    }
}
