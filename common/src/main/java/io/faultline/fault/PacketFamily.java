package io.faultline.fault;

import io.faultline.config.ConfigException;
import io.faultline.config.Node;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Packet faults on the data network of one node or a minority: loss (iptables, works everywhere), and
 * optionally delay, duplication or reordering, which need the kernel's netem. History: {@code packet-start
 * {nodes, loss, delay-ms?, duplicate?, reorder?}}, {@code packet-stop}.
 */
public final class PacketFamily implements FaultFamily<PacketFamily.Settings> {
    public static final double DEFAULT_LOSS = 0.2;

    /** Drop incoming data-network packets with this probability. */
    public record PacketLoss(double probability) implements Fault {
        public String kind() {
            return "packet";
        }
    }

    /** Delay, duplicate or reorder outgoing data-network packets; only where {@code tc … netem} works. */
    public record Netem(long delayMillis, double duplicate, double reorder) implements Fault {
        public String kind() {
            return "netem";
        }
    }

    /**
     * @param delay     null for no delay
     * @param duplicate share of packets sent twice, 0 for none
     * @param reorder   share of packets sent out of order (with a delay), 0 for none
     */
    public record Settings(double loss, Duration delay, double duplicate, double reorder) {
        boolean needsNetem() {
            return delay != null || duplicate > 0 || reorder > 0;
        }
    }

    @Override
    public String name() {
        return "packet";
    }

    @Override
    public List<String> keys() {
        return List.of("packet-loss", "packet-delay", "packet-duplicate", "packet-reorder");
    }

    @Override
    public Settings bind(Node nemesis, int nodeCount) throws ConfigException {
        Node delay = nemesis.get("packet-delay");
        return new Settings(probability(nemesis.get("packet-loss"), DEFAULT_LOSS, false),
                delay.isPresent() ? delay.positiveDurationOr(null) : null,
                probability(nemesis.get("packet-duplicate"), 0, true),
                probability(nemesis.get("packet-reorder"), 0, true));
    }

    private static double probability(Node node, double dflt, boolean zeroAllowed) throws ConfigException {
        if (!node.isPresent()) return dflt;
        String rule = "use a probability " + (zeroAllowed ? "of at least 0" : "above 0") + " and at most 1, e.g. 0.2";
        if (!node.isNumeric()) throw node.invalid("is not a number; " + rule);
        double p = node.number();
        if (!((zeroAllowed ? p >= 0 : p > 0) && p <= 1)) throw node.invalid("is out of range; " + rule);
        return p;
    }

    @Override
    public Set<String> kinds(Settings settings) {
        return settings.needsNetem() ? Set.of("packet", "netem") : Set.of("packet");
    }

    @Override
    public String lacking(String kind) {
        return kind.equals("netem") ? "delaying, duplicating or reordering packets needs tc netem, which its kernel lacks (no"
                + " sch_netem) or its provider does not offer. Packet loss works without it: remove packet-delay,"
                + " packet-duplicate and packet-reorder, or run on a kernel with netem" : "";
    }

    @Override
    public Action start(Settings settings, List<String> nodes, SplittableRandom random) {
        List<String> targets = FaultFamily.someNodes(random, nodes);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("nodes", targets);
        shown.put("loss", settings.loss());
        if (settings.delay() != null) shown.put("delay-ms", settings.delay().toMillis());
        if (settings.duplicate() > 0) shown.put("duplicate", settings.duplicate());
        if (settings.reorder() > 0) shown.put("reorder", settings.reorder());
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        Fault loss = new PacketLoss(settings.loss());
        Fault netem = new Netem(settings.delay() == null ? 0 : settings.delay().toMillis(), settings.duplicate(), settings.reorder());
        for (String node : targets) faults.put(node, settings.needsNetem() ? List.of(loss, netem) : List.of(loss));
        return new Action("packet-start", new Start(shown, faults));
    }

    @Override
    public Action stop() {
        return new Action("packet-stop", new Stop(Set.of("packet", "netem")));
    }
}
