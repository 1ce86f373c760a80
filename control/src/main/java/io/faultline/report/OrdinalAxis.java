package io.faultline.report;

import java.util.Arrays;

/**
 * Time as the order of events, as Knossos' and Porcupine's drawings have it: every invocation and completion in a
 * window gets one slot, so overlapping operations stay legible whether they took a microsecond or a second. Any
 * other instant (a nemesis op, a log line) lands between the slots of the events around it.
 */
final class OrdinalAxis {
    private final long[] times;

    OrdinalAxis(long[] eventTimes) {
        this.times = eventTimes.clone();
        Arrays.sort(times);
    }

    /**
     * The slots of the window's ops: {@code [invoke slot, completion slot]} for each, in the order given. Events
     * at the same instant take consecutive slots, completions first, so an op that ended as another began is drawn
     * before it; an op that began and ended at one instant gets one slot (its completion slot is then its invocation's).
     */
    static int[][] slots(java.util.List<Timed> ops) {
        long[][] events = new long[2 * ops.size()][];
        for (int i = 0; i < ops.size(); i++) {
            events[2 * i] = new long[] {ops.get(i).start(), 0, i};
            events[2 * i + 1] = new long[] {ops.get(i).end(), 1, i};
        }
        Arrays.sort(events, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(b[1], a[1])
                : Long.compare(a[2], b[2]));
        int[][] slots = new int[ops.size()][2];
        for (int rank = 0; rank < events.length; rank++) slots[(int) events[rank][2]][(int) events[rank][1]] = rank;
        for (int[] op : slots) op[1] = Math.max(op[0], op[1]);
        return slots;
    }

    static OrdinalAxis of(java.util.List<Timed> ops) {
        long[] times = new long[2 * ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            times[2 * i] = ops.get(i).start();
            times[2 * i + 1] = ops.get(i).end();
        }
        return new OrdinalAxis(times);
    }

    int slots() {
        return times.length;
    }

    /** The slot of {@code time}: fractional between two events, clamped to the window's ends. */
    double slot(long time) {
        if (times.length == 0) return 0;
        if (time <= times[0]) return 0;
        if (time >= times[times.length - 1]) return times.length - 1;
        int i = Arrays.binarySearch(times, time);
        if (i >= 0) {
            while (i > 0 && times[i - 1] == time) i--;
            return i;
        }
        int after = -i - 1;
        long t0 = times[after - 1];
        long t1 = times[after];
        return after - 1 + (double) (time - t0) / (t1 - t0);
    }

    long first() {
        return times.length == 0 ? 0 : times[0];
    }

    long last() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }
}
