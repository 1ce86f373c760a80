package io.faultline.generator;

import io.faultline.history.Op;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Building blocks for generators, named after Jepsen's ({@code jepsen.generator}) and with the same meaning, unless
 * a method says otherwise. Combinators that draw random numbers take an {@link Rng}; give each its own stream
 * ({@link Rng#fork}) so that a run is determined by its seed alone.
 *
 * <p>A typical test: {@code timeLimit(60s, any(clients(stagger(rng, 5ms, mix(rng2, reads, writes))),
 * nemesis(cycle(seq(sleep(10s), once(start), sleep(10s), once(stop))))))}.
 */
public final class Generators {

    private Generators() {
    }

    /** One op from {@code template}, on the first free thread. */
    public static Generator once(Op template) {
        return new Once(template);
    }

    /** The first op of {@code gen} only. */
    public static Generator once(Generator gen) {
        return limit(1, gen);
    }

    /** Ops from {@code template}, forever. */
    public static Generator repeat(Op template) {
        return repeat(once(template));
    }

    /** {@code n} ops from {@code template}. */
    public static Generator repeat(long n, Op template) {
        return repeat(n, once(template));
    }

    /**
     * The first op of {@code gen}, over and over, forever (Jepsen's {@code repeat}). {@code gen}'s state does not
     * advance: to run a whole sequence again and again, use {@link #cycle}; to draw a fresh random op each time,
     * use {@link #fn}.
     */
    public static Generator repeat(Generator gen) {
        return new Repeat(-1, gen);
    }

    /** The first op of {@code gen}, {@code n} times. */
    public static Generator repeat(long n, Generator gen) {
        if (n < 0) throw new IllegalArgumentException("negative count: " + n);
        return new Repeat(n, gen);
    }

    /** All of {@code gen}, then all of it again from the start, forever. */
    public static Generator cycle(Generator gen) {
        return new Cycle(gen, gen);
    }

    /**
     * An op template from {@code f} for every op, until {@code f} returns null. {@code f} gets a fresh random
     * stream each time and must depend on nothing but its arguments.
     */
    public static Generator fn(Rng rng, BiFunction<Rng, Context, Op> f) {
        return new Fn(rng, f);
    }

    /** Each generator to its end, one after another. */
    public static Generator seq(List<Generator> gens) {
        return Seq.of(gens);
    }

    public static Generator seq(Generator... gens) {
        return seq(List.of(gens));
    }

    public static Generator then(Generator first, Generator second) {
        return seq(first, second);
    }

    /** Every op from a child chosen uniformly at random, until all children are exhausted. */
    public static Generator mix(Rng rng, List<Generator> gens) {
        return new Mix(rng, List.copyOf(gens));
    }

    public static Generator mix(Rng rng, Generator... gens) {
        return mix(rng, List.of(gens));
    }

    /** The first {@code n} ops of {@code gen}. */
    public static Generator limit(long n, Generator gen) {
        if (n < 0) throw new IllegalArgumentException("negative limit: " + n);
        return new Limit(n, gen);
    }

    /** The ops of {@code gen} due before its first op's time plus {@code limit}. */
    public static Generator timeLimit(Duration limit, Generator gen) {
        return new TimeLimit(positiveNanos(limit), TimeLimit.UNSET, gen);
    }

    /** The ops of {@code gen}, at least {@code dt} apart. */
    public static Generator delay(Duration dt, Generator gen) {
        return new Delay(positiveNanos(dt), 0, gen);
    }

    /** The ops of {@code gen} with random gaps, uniform in [0, 2 dt), between them: on average one per {@code dt}. */
    public static Generator stagger(Rng rng, Duration dt, Generator gen) {
        return new Stagger(rng, 2 * positiveNanos(dt), 0, gen);
    }

    /** The ops of {@code gen} at about {@code opsPerSecond} in total: {@code stagger(1 / opsPerSecond)}. */
    public static Generator rate(Rng rng, double opsPerSecond, Generator gen) {
        if (!(opsPerSecond > 0)) throw new IllegalArgumentException("rate must be positive: " + opsPerSecond);
        return stagger(rng, Duration.ofNanos(Math.max(1, Math.round(1e9 / opsPerSecond))), gen);
    }

    /**
     * Keeps the thread that gets it busy for {@code duration}, doing nothing (see {@link Ops#SLEEP}). Other threads
     * go on: in {@code clients(seq(sleep(d), ops))} only one client waits; on the single nemesis thread, or in
     * {@link #phases}, everything after the sleep waits.
     */
    public static Generator sleep(Duration duration) {
        return once(Ops.sleep(duration));
    }

    /** Each generator to its end, and each one's ops completed before the next one starts. */
    public static Generator phases(Generator... gens) {
        List<Generator> synced = new ArrayList<>(gens.length);
        for (Generator gen : gens) synced.add(synchronize(gen));
        return seq(synced);
    }

    /** {@code gen}, once every visible thread is free. */
    public static Generator synchronize(Generator gen) {
        return new Synchronize(gen);
    }

    /** A copy of {@code gen} for every thread, each running independently on its own thread. */
    public static Generator eachThread(Generator gen) {
        return new EachThread(gen, List.of());
    }

    /** {@code gen} on the client threads only. */
    public static Generator clients(Generator gen) {
        return new OnThreads(ThreadSet.CLIENTS, gen);
    }

    /** {@code gen} on the nemesis thread only. */
    public static Generator nemesis(Generator gen) {
        return new OnThreads(ThreadSet.NEMESIS, gen);
    }

    /** The soonest op of any of {@code gens}, until all are exhausted. */
    public static Generator any(Generator... gens) {
        return new Any(List.of(gens));
    }

    private static long positiveNanos(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
        return d.toNanos();
    }
}
