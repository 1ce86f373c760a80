package io.faultline.provision;

/**
 * A stretch of the run during which something beside the nodes — a service — was not healthy, so the system under
 * test may have misbehaved for reasons no fault explains. Times are {@link System#nanoTime()} readings.
 *
 * @param toNanos when it was healthy again; {@link #ONGOING} if it never was before the watch ended
 * @param detail  what the last failed check said
 */
public record Outage(String what, long fromNanos, long toNanos, String detail) {
    public static final long ONGOING = Long.MIN_VALUE;

    /** {@code service zookeeper was unhealthy from 12.3 s to 15.0 s}, times counted from {@code originNanos}. */
    public String describe(long originNanos) {
        String from = seconds(fromNanos - originNanos);
        String to = toNanos == ONGOING ? "the end of the run" : seconds(toNanos - originNanos);
        return what + " was unhealthy from " + from + " to " + to + (detail.isBlank() ? "" : " (" + detail + ")");
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, nanos) / 1e9);
    }
}
