package io.faultline.nemesis;

import io.faultline.config.TestConfig;
import io.faultline.fault.FaultFamilies;
import io.faultline.fault.FaultFamily;
import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The nemesis's plan, Jepsen-style: wait an interval, start a fault of a family chosen at random among the
 * configured ones (the family picks its targets), wait, stop it, and again. Every choice comes from the run's
 * random stream, so a seed replays the same faults. Stopping a family heals it on every node, so a stop needs
 * no memory of the targets.
 */
public record NemesisSchedule(Rng rng, Plan plan, int stage, Chosen active) implements Generator {

    /** A configured family with its settings. */
    public record Chosen(FaultFamily<Object> family, Object settings) {
        FaultFamily.Action start(List<String> nodes, SplittableRandom random) {
            return family.start(settings, nodes, random);
        }
    }

    /** What the nemesis may do: the families, the nodes, the pace. */
    public record Plan(List<Chosen> families, List<String> nodes, Duration interval) {

        /**
         * The config's fault families over its nodes only: services beside them are never a target, so no grudge, kill
         * or clock bump can name one.
         */
        public static Plan forConfig(TestConfig config) {
            return new Plan(chosen(config), config.nodes(), config.nemesis().interval());
        }

        @SuppressWarnings("unchecked")
        public static List<Chosen> chosen(TestConfig config) {
            return config.nemesis().faults().stream().map(name -> (FaultFamily<Object>) FaultFamilies.byName(name))
                    .map(family -> new Chosen(family, family.settings(config.nemesis()))).toList();
        }
    }

    public static NemesisSchedule of(Rng rng, Plan plan) {
        return new NemesisSchedule(rng, plan, 0, null);
    }

    @Override
    public Step next(Context ctx) {
        // The runner asks after every client op, and the nemesis is mostly asleep or busy: plan a fault only when it can go.
        if (ctx.someFreeProcess().isEmpty()) return Step.pending(this);
        Chosen chosen = stage == 1 ? plan.families().get(rng.below(plan.families().size())) : active;
        Op template = switch (stage) {
            case 0, 2 -> Ops.sleep(plan.interval());
            case 1 -> op(chosen.start(plan.nodes(), new SplittableRandom(rng.next().bits())));
            default -> op(active.family().stop());
        };
        Op op = Ops.fillIn(template, ctx);
        if (op == null) return Step.pending(this);
        NemesisSchedule following = switch (stage) {
            case 0 -> new NemesisSchedule(rng, plan, 1, null);
            case 1 -> new NemesisSchedule(rng.next().next(), plan, 2, chosen);
            case 2 -> new NemesisSchedule(rng, plan, 3, active);
            default -> new NemesisSchedule(rng, plan, 0, null);
        };
        return Step.emit(op, following);
    }

    private static Op op(FaultFamily.Action action) {
        return Ops.op(action.f(), action.value());
    }
}
