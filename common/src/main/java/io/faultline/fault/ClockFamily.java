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
 * The system under test's clock on one node or a minority, within {@code clock-max-offset} either way: a bump
 * ({@code clock-bump {node: ms}}) or Jepsen's strobe, ahead and back every few ms ({@code clock-strobe}); {@code clock-reset}.
 */
public final class ClockFamily implements FaultFamily<ClockFamily.Settings> {
    public static final Duration DEFAULT_MAX_OFFSET = Duration.ofSeconds(10);

    /** The system under test's clock runs {@code offsetMillis} away from real time; healing resets it to zero. */
    public record ClockOffset(long offsetMillis) implements Fault {
        public String kind() {
            return "clock";
        }
    }

    /** The clock jumps {@code deltaMillis} ahead and back every {@code periodMillis}; healing stops it and resets the offset. */
    public record ClockStrobe(long deltaMillis, long periodMillis) implements Fault {
        public String kind() {
            return "clock";
        }
    }

    /** @param maxOffset the largest offset a clock fault applies, either way */
    public record Settings(Duration maxOffset) {
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public List<String> keys() {
        return List.of("clock-max-offset");
    }

    @Override
    public Settings bind(Node nemesis, int nodeCount) throws ConfigException {
        return new Settings(nemesis.get("clock-max-offset").positiveDurationOr(DEFAULT_MAX_OFFSET));
    }

    @Override
    public Set<String> kinds(Settings settings) {
        return Set.of("clock");
    }

    @Override
    public Action start(Settings settings, List<String> nodes, SplittableRandom random) {
        long max = Math.max(1, settings.maxOffset().toMillis());
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (String node : FaultFamily.someNodes(random, nodes)) {
                offsets.put(node, random.nextLong(-max, max + 1));
                faults.put(node, List.of(new ClockOffset(offsets.get(node))));
            }
            return new Action("clock-bump", new Start(offsets, faults));
        }
        Map<String, Map<String, Long>> strobes = new LinkedHashMap<>();
        for (String node : FaultFamily.someNodes(random, nodes)) {
            ClockStrobe strobe = new ClockStrobe(random.nextLong(1, max + 1), random.nextLong(5, 200));
            strobes.put(node, Map.of("delta", strobe.deltaMillis(), "period", strobe.periodMillis()));
            faults.put(node, List.of(strobe));
        }
        return new Action("clock-strobe", new Start(strobes, faults));
    }

    @Override
    public Action stop() {
        return new Action("clock-reset", new Stop(Set.of("clock")));
    }
}
