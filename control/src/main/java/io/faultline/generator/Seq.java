package io.faultline.generator;

import io.faultline.history.Op;

import java.util.List;

/**
 * Runs generators one after another: {@code current} until it is exhausted, then {@code rest} from
 * {@code restAt} on. Only the current generator hears updates; the later ones have not started yet.
 */
record Seq(Generator current, List<Generator> rest, int restAt) implements Generator {

    static Generator of(List<Generator> gens) {
        return gens.isEmpty() ? Exhausted.INSTANCE : new Seq(gens.get(0), List.copyOf(gens), 1);
    }

    @Override
    public Step next(Context ctx) {
        Generator gen = current;
        int at = restAt;
        while (true) {
            Step step = gen.next(ctx);
            if (step != null) {
                // Move on as soon as the current generator is known to be done, so the next one hears every update.
                if (step.next() == Exhausted.INSTANCE && at < rest.size()) {
                    return step.withNext(new Seq(rest.get(at), rest, at + 1));
                }
                return step.withNext(new Seq(step.next(), rest, at));
            }
            if (at == rest.size()) return null;
            gen = rest.get(at++);
        }
    }

    @Override
    public Generator update(Context ctx, Op event) {
        return new Seq(current.update(ctx, event), rest, restAt);
    }
}
