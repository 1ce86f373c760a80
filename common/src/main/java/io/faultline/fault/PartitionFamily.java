package io.faultline.fault;

import io.faultline.config.ConfigException;
import io.faultline.config.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Network partitions on the data network, in a shape chosen among {@code grudges} ({@link Grudges}); each node
 * drops what its grudge says. History: {@code start-partition {grudge, drop}}, {@code stop-partition}.
 */
public final class PartitionFamily implements FaultFamily<PartitionFamily.Settings> {

    /** This node drops all data-network traffic from {@code dropFrom} (Jepsen's grudge, one node's share). */
    public record Partition(Set<String> dropFrom) implements Fault {
        public String kind() {
            return "partition";
        }
    }

    /** @param grudges the partition shapes the nemesis may choose from */
    public record Settings(List<String> grudges) {
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public List<String> keys() {
        return List.of("grudges");
    }

    @Override
    public Settings bind(Node nemesis, int nodeCount) throws ConfigException {
        for (Node fault : nemesis.get("faults").elements("[partition]")) {
            // Killing or pausing the only node still tests recovery; partitioning it from nobody tests nothing.
            if (nodeCount < 2 && fault.text().equals(name())) {
                throw fault.error("partition needs at least 2 nodes; this test has " + nodeCount);
            }
        }
        Node grudges = nemesis.get("grudges");
        List<String> chosen = grudges.choicesOr(Grudges.names(), Grudges.names(), "grudge");
        if (chosen.isEmpty()) throw grudges.invalid("is empty; name at least one partition shape, or leave grudges out to allow all");
        return new Settings(chosen);
    }

    @Override
    public Set<String> kinds(Settings settings) {
        return Set.of("partition");
    }

    @Override
    public Action start(Settings settings, List<String> nodes, SplittableRandom random) {
        String grudge = settings.grudges().get(random.nextInt(settings.grudges().size()));
        Map<String, List<String>> drop = new LinkedHashMap<>();
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        Grudges.byName(grudge, nodes, random).forEach((node, dropped) -> {
            drop.put(node, List.copyOf(dropped));
            faults.put(node, List.of(new Partition(dropped)));
        });
        return new Action("start-partition", new Start(Map.of("grudge", grudge, "drop", drop), faults));
    }

    @Override
    public Action stop() {
        return new Action("stop-partition", new Stop(Set.of("partition")));
    }
}
