package io.faultline.fault;

import io.faultline.config.ConfigException;
import io.faultline.config.Node;
import io.faultline.config.TestConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Network partitions on the data network, in a shape chosen among {@code grudges} ({@link Grudges}); each node
 * drops what its grudge says. The services beside the nodes stay in sight of every node unless
 * {@code isolate-from-services} says otherwise: then the nodes a partition leaves without a majority lose them too.
 * History: {@code start-partition {grudge, drop[, isolated-from-services]}}, {@code stop-partition}.
 */
public final class PartitionFamily implements FaultFamily<PartitionFamily.Settings> {

    /**
     * This node drops all data-network traffic from {@code dropFrom} (Jepsen's grudge, one node's share), and from
     * every service when {@code fromServices}.
     */
    public record Partition(Set<String> dropFrom, boolean fromServices) implements Fault {
        public Partition(Set<String> dropFrom) {
            this(dropFrom, false);
        }

        public String kind() {
            return "partition";
        }
    }

    /**
     * @param grudges             the partition shapes the nemesis may choose from
     * @param isolateFromServices whether nodes left without a majority are cut from the services too
     */
    public record Settings(List<String> grudges, boolean isolateFromServices) {
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public List<String> keys() {
        return List.of("grudges", "isolate-from-services");
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
        List<String> chosen = grudges.choicesOr(Grudges.drawn(), Grudges.names(), "grudge");
        if (chosen.isEmpty()) {
            throw grudges.invalid("is empty; name at least one partition shape, or leave grudges out to allow all but primary");
        }
        return new Settings(chosen, nemesis.get("isolate-from-services").boolOr(false));
    }

    @Override
    public void honoured(Object bound, TestConfig config) throws ConfigException {
        Settings settings = (Settings) bound;
        if (settings.grudges().contains(Grudges.PRIMARY)) Targets.refusePrimaryUnlessTheDbHasOne("nemesis.grudges", config);
        if (settings.isolateFromServices() && config.services().isEmpty()) {
            throw new ConfigException("nemesis.isolate-from-services", "the run has no services to cut nodes from; remove it");
        }
    }

    @Override
    public Set<String> kinds(Settings settings) {
        return Set.of("partition");
    }

    @Override
    public Action start(Settings settings, List<String> nodes, SplittableRandom random) {
        String grudge = settings.grudges().get(random.nextInt(settings.grudges().size()));
        if (grudge.equals(Grudges.PRIMARY)) {
            return new Action("start-partition", new AtPrimary(Map.of("grudge", grudge), primary -> start(grudge,
                    primary == null ? Map.of() : Grudges.isolate(Set.of(primary), nodes), nodes, settings)));
        }
        return new Action("start-partition", start(grudge, Grudges.byName(grudge, nodes, random), nodes, settings));
    }

    private static Start start(String grudge, Map<String, Set<String>> dropping, List<String> nodes, Settings settings) {
        Set<String> isolated = settings.isolateFromServices() ? Grudges.withoutMajority(dropping, nodes) : Set.of();
        Map<String, List<String>> drop = new LinkedHashMap<>();
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        dropping.forEach((node, dropped) -> {
            drop.put(node, List.copyOf(dropped));
            faults.put(node, List.of(new Partition(dropped, isolated.contains(node))));
        });
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("grudge", grudge);
        shown.put("drop", drop);
        if (settings.isolateFromServices()) shown.put("isolated-from-services", List.copyOf(isolated));
        return new Start(shown, faults);
    }

    @Override
    public Action stop() {
        return new Action("stop-partition", new Stop(Set.of("partition")));
    }
}
