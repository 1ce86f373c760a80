package io.faultline.checker.linearizable;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time and memory a check may spend, shared by the searches of one check's partitions; memory counts the
 * caches of the searches running now. When it runs out
 * (or another partition already proved the history invalid) every search stops and says why.
 */
final class Budget {
    private final long deadlineNanos;
    private final long maxCacheBytes;
    private final AtomicLong cacheBytes = new AtomicLong();
    private final AtomicReference<String> stopReason = new AtomicReference<>();

    Budget(long timeLimitNanos, long maxCacheBytes) {
        long now = System.nanoTime();
        this.deadlineNanos = timeLimitNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeLimitNanos;
        this.maxCacheBytes = maxCacheBytes;
    }

    /** Called every few thousand search steps; true when the search must stop. */
    boolean exhausted(long addedCacheBytes) {
        if (stopReason.get() != null) return true;
        if (cacheBytes.addAndGet(addedCacheBytes) > maxCacheBytes) {
            stop("memory budget exceeded: the search cached more than " + (maxCacheBytes >> 20) + " MiB of configurations");
            return true;
        }
        if (System.nanoTime() > deadlineNanos) {
            stop("time limit reached before the search finished");
            return true;
        }
        return false;
    }

    /** A search ended: its cache is garbage now, so its bytes no longer count. */
    void release(long bytes) {
        cacheBytes.addAndGet(-bytes);
    }

    void stop(String reason) {
        stopReason.compareAndSet(null, reason);
    }

    String stopReason() {
        return stopReason.get();
    }
}
