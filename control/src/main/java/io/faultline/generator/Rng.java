package io.faultline.generator;

/**
 * An immutable, counter-based random stream: position {@code counter} of the stream {@code seed}. Reading a
 * position ({@link #bits}, {@link #below}, {@link #unit}) changes nothing; {@link #next} is the following
 * position. Generators hold an {@code Rng} in their state and move it on as they emit ops, so a run's random
 * choices depend on its seed and on nothing else, not on when completions arrive.
 *
 * <p>The values are SplitMix64 outputs: good statistical quality, and position {@code n} costs the same as
 * position 0.
 */
public record Rng(long seed, long counter) {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    public static Rng seeded(long seed) {
        return new Rng(seed, 0);
    }

    /** 64 random bits: the value at this position. */
    public long bits() {
        // The seed is mixed first so that streams of nearby seeds (42, 43) do not overlap shifted by one.
        return mix(mix(seed) + (counter + 1) * GOLDEN_GAMMA);
    }

    /** The following position. */
    public Rng next() {
        return new Rng(seed, counter + 1);
    }

    /**
     * A new stream seeded from this position, independent of this one's later positions. Hand it to code that draws
     * several values, and go on with {@link #next()} yourself.
     */
    public Rng fork() {
        return new Rng(bits(), 0);
    }

    /** Uniform in [0, 1). */
    public double unit() {
        return (bits() >>> 11) * UNIT;
    }

    /** Uniform in [0, n). */
    public int below(int n) {
        if (n <= 0) throw new IllegalArgumentException("bound must be positive: " + n);
        return (int) (unit() * n);
    }

    /** Uniform in [0, n), for bounds such as durations in nanoseconds. */
    public long below(long n) {
        if (n <= 0) throw new IllegalArgumentException("bound must be positive: " + n);
        return Math.floorMod(bits(), n);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
