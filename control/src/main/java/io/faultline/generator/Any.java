package io.faultline.generator;

import io.faultline.history.Op;

import java.util.List;

/**
 * Jepsen's {@code any}: the soonest op of any child (the first child on a tie); every child hears every update.
 * Used to run clients and nemesis side by side: {@code any(clients(c), nemesis(n))}.
 */
record Any(List<Generator> gens) implements Generator {

    @Override
    public Step next(Context ctx) {
        Generator[] after = gens.toArray(new Generator[0]);
        Step soonest = null;
        int soonestAt = -1;
        boolean anyPending = false;
        for (int i = 0; i < after.length; i++) {
            Step step = after[i].next(ctx);
            if (step == null) continue;
            if (step.isPending()) {
                anyPending = true;
                after[i] = step.next();
            } else if (Step.isSooner(step, soonest)) {
                soonest = step;
                soonestAt = i;
            }
        }
        if (soonest != null) {
            after[soonestAt] = soonest.next();
            return soonest.withNext(new Any(List.of(after)));
        }
        return anyPending ? Step.pending(new Any(List.of(after))) : null;
    }

    @Override
    public Generator update(Context ctx, Op event) {
        Generator[] after = gens.toArray(new Generator[0]);
        for (int i = 0; i < after.length; i++) after[i] = after[i].update(ctx, event);
        return new Any(List.of(after));
    }
}
