package io.faultline.generator;

import io.vertx.core.Vertx;

/**
 * Real time on a Vert.x event loop. Tasks run on the context that scheduled them, so create the runner and call it
 * from one context (the control's verticle).
 */
public final class VertxScheduler implements Scheduler {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final Vertx vertx;
    private final long startNanos;

    /** @param startNanos the {@link System#nanoTime()} at which the run started: time 0 */
    public VertxScheduler(Vertx vertx, long startNanos) {
        this.vertx = vertx;
        this.startNanos = startNanos;
    }

    @Override
    public long now() {
        return System.nanoTime() - startNanos;
    }

    @Override
    public void at(long nanos, Runnable task) {
        long delay = nanos - now();
        if (delay <= 0) {
            vertx.runOnContext(ignored -> task.run());
            return;
        }
        // Vert.x timers count whole milliseconds, at least one; rounding up never runs a task early.
        long millis = Math.max(1, (delay + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        vertx.setTimer(millis, ignored -> task.run());
    }
}
