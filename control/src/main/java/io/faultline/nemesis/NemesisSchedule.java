package io.faultline.nemesis;

import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The nemesis's plan, Jepsen-style: wait an interval, start a fault chosen at random among the configured
 * kinds (with random targets or a random grudge), wait, stop it, and again. Every choice comes from the
 * run's random stream, so a seed replays the same faults. Stopping a kind heals it on every node, so a
 * stop needs no memory of the targets.
 */
public record NemesisSchedule(Rng rng, Plan plan, int stage, String active) implements Generator {

    /** What the nemesis may do: fault kinds, partition shapes, the nodes, the pace, the clock range. */
    public record Plan(List<String> faults, List<String> grudges, List<String> nodes, Duration interval,
                       Duration clockMaxOffset, io.faultline.config.PacketConfig packet) {
    }

    public static NemesisSchedule of(Rng rng, Plan plan) {
        return new NemesisSchedule(rng, plan, 0, null);
    }

    @Override
    public Step next(Context ctx) {
        String kind = stage == 1 ? plan.faults().get(rng.below(plan.faults().size())) : active;
        Op template = switch (stage) {
            case 0, 2 -> Ops.sleep(plan.interval());
            case 1 -> start(kind, rng.next());
            default -> Ops.op(stopF(active), null);
        };
        Op op = Ops.fillIn(template, ctx);
        if (op == null) return Step.pending(this);
        NemesisSchedule following = switch (stage) {
            case 0 -> new NemesisSchedule(rng, plan, 1, null);
            case 1 -> new NemesisSchedule(rng.next().next(), plan, 2, kind);
            case 2 -> new NemesisSchedule(rng, plan, 3, active);
            default -> new NemesisSchedule(rng, plan, 0, null);
        };
        return Step.emit(op, following);
    }

    private Op start(String kind, Rng draw) {
        SplittableRandom random = new SplittableRandom(draw.bits());
        List<String> nodes = plan.nodes();
        return switch (kind) {
            case "partition" -> {
                String grudge = plan.grudges().get(random.nextInt(plan.grudges().size()));
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("grudge", grudge);
                Map<String, List<String>> drop = new LinkedHashMap<>();
                Grudges.byName(grudge, nodes, random).forEach((node, dropped) -> drop.put(node, List.copyOf(dropped)));
                value.put("drop", drop);
                yield Ops.op("start-partition", value);
            }
            case "kill" -> Ops.op("kill", someNodes(random, nodes));
            case "pause" -> Ops.op("pause", someNodes(random, nodes));
            case "clock" -> {
                long max = Math.max(1, plan.clockMaxOffset().toMillis());
                if (random.nextBoolean()) {
                    Map<String, Long> offsets = new LinkedHashMap<>();
                    for (String node : someNodes(random, nodes)) offsets.put(node, random.nextLong(-max, max + 1));
                    yield Ops.op("clock-bump", offsets);
                }
                // Jepsen's strobe: jump ahead and back every few milliseconds, so time runs backwards often.
                Map<String, Map<String, Long>> strobes = new LinkedHashMap<>();
                for (String node : someNodes(random, nodes)) {
                    strobes.put(node, Map.of("delta", random.nextLong(1, max + 1), "period", random.nextLong(5, 200)));
                }
                yield Ops.op("clock-strobe", strobes);
            }
            case "packet" -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("nodes", someNodes(random, nodes));
                value.put("loss", plan.packet().loss());
                if (plan.packet().delay() != null) value.put("delay-ms", plan.packet().delay().toMillis());
                if (plan.packet().duplicate() > 0) value.put("duplicate", plan.packet().duplicate());
                if (plan.packet().reorder() > 0) value.put("reorder", plan.packet().reorder());
                yield Ops.op("packet-start", value);
            }
            default -> throw new IllegalArgumentException("unknown fault '" + kind + "'");
        };
    }

    /** One node, or a minority: Jepsen's usual targets, never so many that no majority is left. */
    private static List<String> someNodes(SplittableRandom random, List<String> nodes) {
        List<String> shuffled = new ArrayList<>(nodes);
        java.util.Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        int count = 1 + random.nextInt(Math.max(1, (nodes.size() - 1) / 2));
        return List.copyOf(shuffled.subList(0, Math.min(count, nodes.size())));
    }

    /** The op that heals a kind on every node. */
    public static String stopF(String kind) {
        return switch (kind) {
            case "partition" -> "stop-partition";
            case "kill" -> "start";
            case "pause" -> "resume";
            case "clock" -> "clock-reset";
            case "packet" -> "packet-stop";
            default -> throw new IllegalArgumentException("unknown fault '" + kind + "'");
        };
    }

    public static final Set<String> KINDS = Set.of("partition", "kill", "pause", "clock", "packet");
}
