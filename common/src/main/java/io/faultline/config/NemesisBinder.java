package io.faultline.config;

import java.util.List;

/** The {@code nemesis} section: which faults, how often, and their shapes and strengths. */
final class NemesisBinder {
    private static final List<String> FIELDS = List.of("faults", "interval", "grudges", "clock-max-offset", "packet-loss",
            "packet-delay", "packet-duplicate", "packet-reorder");

    private NemesisBinder() {
    }

    static NemesisConfig bind(Node nemesis, int nodeCount) throws ConfigException {
        if (!nemesis.isPresent()) return NemesisConfig.none();
        nemesis.allowOnly(FIELDS, "nemesis: {faults: [partition, kill]}");
        Node faultsNode = nemesis.get("faults");
        List<String> faults = faultsNode.choicesOr(List.of(), NemesisConfig.FAULTS, "fault");
        if (faults.contains("partition") && nodeCount < 2) {
            // Killing or pausing the only node still tests recovery; partitioning it from nobody tests nothing.
            throw faultsNode.elements("").get(faults.indexOf("partition"))
                    .error("partition needs at least 2 nodes; this test has " + nodeCount);
        }
        Node grudgesNode = nemesis.get("grudges");
        List<String> grudges = grudgesNode.choicesOr(NemesisConfig.GRUDGES, NemesisConfig.GRUDGES, "grudge");
        if (grudges.isEmpty()) {
            throw grudgesNode.invalid("is empty; name at least one partition shape, or leave grudges out to allow all");
        }
        return new NemesisConfig(faults,
                nemesis.get("interval").positiveDurationOr(NemesisConfig.DEFAULT_INTERVAL),
                grudges,
                nemesis.get("clock-max-offset").positiveDurationOr(NemesisConfig.DEFAULT_CLOCK_MAX_OFFSET),
                new PacketConfig(
                        probability(nemesis.get("packet-loss"), PacketConfig.DEFAULT_LOSS, false),
                        nemesis.get("packet-delay").isPresent() ? nemesis.get("packet-delay").positiveDurationOr(null) : null,
                        probability(nemesis.get("packet-duplicate"), 0, true),
                        probability(nemesis.get("packet-reorder"), 0, true)));
    }

    private static double probability(Node node, double dflt, boolean zeroAllowed) throws ConfigException {
        if (!node.isPresent()) return dflt;
        String rule = "use a probability " + (zeroAllowed ? "of at least 0" : "above 0") + " and at most 1, e.g. 0.2";
        if (!node.isNumeric()) throw node.invalid("is not a number; " + rule);
        double p = node.number();
        if (!((zeroAllowed ? p >= 0 : p > 0) && p <= 1)) throw node.invalid("is out of range; " + rule);
        return p;
    }
}
