package io.faultline.generator;

import io.faultline.history.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * Jepsen's {@code mix}: every op comes from a child chosen uniformly at random; exhausted children drop out. The
 * choice is kept while the chosen child is pending, so a busy child is not skipped in favour of another.
 */
record Mix(Rng rng, List<Generator> gens) implements Generator {

    @Override
    public Step next(Context ctx) {
        Rng r = rng;
        List<Generator> live = gens;
        while (!live.isEmpty()) {
            int i = r.below(live.size());
            Step step = live.get(i).next(ctx);
            if (step == null) {
                live = without(live, i);
                r = r.next();
            } else if (step.isPending()) {
                return Step.pending(new Mix(r, replaced(live, i, step.next())));
            } else {
                return step.withNext(new Mix(r.next(), replaced(live, i, step.next())));
            }
        }
        return null;
    }

    @Override
    public Generator update(Context ctx, Op event) {
        List<Generator> updated = new ArrayList<>(gens.size());
        for (Generator gen : gens) updated.add(gen.update(ctx, event));
        return new Mix(rng, List.copyOf(updated));
    }

    static List<Generator> replaced(List<Generator> gens, int i, Generator gen) {
        if (gens.get(i) == gen) return gens;
        Generator[] copy = gens.toArray(new Generator[0]);
        copy[i] = gen;
        return List.of(copy);
    }

    private static List<Generator> without(List<Generator> gens, int i) {
        List<Generator> copy = new ArrayList<>(gens);
        copy.remove(i);
        return List.copyOf(copy);
    }
}
