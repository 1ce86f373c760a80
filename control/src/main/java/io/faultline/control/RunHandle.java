package io.faultline.control;

/** Steers a running test from outside the control; every method may be called from any thread. */
public interface RunHandle {

    /**
     * Ends the main phase now, as if its time limit had come: heal, recovery, final phase, teardown and the
     * full check follow, so the verdict is the whole history's.
     */
    void stopEarly(String why);

    /** Aborts: heals and tears down without a final phase; the verdict is unknown, "aborted". */
    void abort();

    /**
     * A time on the run's timeline (nanoseconds) below which every agent that runs clients has delivered all
     * its events: no op recorded later can be invoked or complete before it. {@link Long#MIN_VALUE} until
     * each such agent has delivered something.
     */
    long watermark();
}
