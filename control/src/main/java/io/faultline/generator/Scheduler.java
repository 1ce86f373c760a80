package io.faultline.generator;

/** The runner's clock and timer. */
public interface Scheduler {

    /** Nanoseconds since the run started. */
    long now();

    /**
     * Runs {@code task} at {@code nanos} (on the run's timeline), or as soon as possible if that has passed; never
     * inside this call, and always on the runner's thread.
     */
    void at(long nanos, Runnable task);
}
