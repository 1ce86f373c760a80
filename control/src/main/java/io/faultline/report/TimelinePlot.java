package io.faultline.report;

import io.faultline.history.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's timeline: one column per process, time running down as the order of events, each operation a box from
 * its invocation to its completion, coloured by outcome, the nemesis bands across. Long runs are cut to a window
 * of {@link #MAX_OPS} operations around what matters (see {@link #window}).
 */
final class TimelinePlot {
    static final int MAX_OPS = 200;
    private static final int LEFT = 86;
    private static final int TOP = 54;
    private static final int ROW = 15;
    private static final int MAX_COLUMN = 130;
    private static final int MIN_COLUMN = 52;
    private static final int WIDTH = 1100;

    /** Ops {@code from} (inclusive) to {@code to} of the history's client ops, in invocation order, and why those. */
    record Window(int from, int to, int total, String why) {
    }

    private TimelinePlot() {
    }

    /**
     * The window: around the first op in {@code focus} (invocation indexes) when there is one, three quarters of it
     * before — what led there — and a quarter after; otherwise the first {@link #MAX_OPS} ops.
     */
    static Window window(List<Timed> ops, Set<Long> focus) {
        int n = ops.size();
        if (n <= MAX_OPS) return new Window(0, n, n, "all " + n + " operations");
        for (int i = 0; i < n; i++) {
            if (focus.contains(ops.get(i).pair().invoke().index())) {
                int from = Math.max(0, Math.min(n - MAX_OPS, i - MAX_OPS * 3 / 4));
                return new Window(from, from + MAX_OPS, n, "the " + MAX_OPS + " operations around the first one that cannot be linearized");
            }
        }
        return new Window(0, MAX_OPS, n, "the first " + MAX_OPS + " operations");
    }

    static String draw(List<Timed> all, Window window, Set<Long> focus, List<Faults.Band> bands, Map<String, String> faultColours) {
        List<Timed> ops = all.subList(window.from(), window.to());
        List<Integer> processes = new ArrayList<>(new TreeSet<>(ops.stream().map(op -> op.pair().invoke().process()).toList()));
        int column = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, (WIDTH - LEFT - 10) / Math.max(1, processes.size())));
        int[][] slots = OrdinalAxis.slots(ops);
        OrdinalAxis axis = OrdinalAxis.of(ops);
        int width = LEFT + column * processes.size() + 10;
        int height = TOP + ROW * Math.max(1, axis.slots()) + 20;
        Svg svg = new Svg(width, height, "Timeline of operations by process: " + window.why());
        svg.text(8, 18, "Timeline: " + window.why() + " (ops " + (window.from() + 1) + "–" + window.to() + " of " + window.total()
                + "), time running down", "font-size", 13, "font-weight", "bold", "fill", Palette.TEXT);

        for (Faults.Band band : bands) {
            if (band.to() < axis.first() || band.from() > axis.last()) continue;
            double y0 = TOP + ROW * axis.slot(band.from());
            double y1 = TOP + ROW * axis.slot(band.to()) + ROW;
            String colour = faultColours.getOrDefault(band.fault(), Palette.fault(0));
            svg.open("g", "class", "nemesis-band", "data-fault", band.fault());
            svg.element("title", band.fault() + " " + band.detail());
            svg.rect(LEFT, y0, width - LEFT - 10, y1 - y0, colour, "fill-opacity", "0.14");
            svg.text(width - 14, y0 + 11, band.fault(), "text-anchor", "end", "font-size", 10, "fill", colour);
            svg.close("g");
        }
        for (int i = 0; i < processes.size(); i++) {
            double x = LEFT + i * column;
            svg.text(x + column / 2.0, TOP - 8, "process " + processes.get(i), "text-anchor", "middle", "font-size", 11, "fill", Palette.TEXT);
            svg.line(x, TOP - 4, x, height - 16, Palette.GRID);
        }
        for (int s = 0; s < axis.slots(); s += 10) {
            svg.text(LEFT - 6, TOP + ROW * s + 11, TimePlot.seconds(timeOfSlot(ops, slots, s)) + " s", "text-anchor", "end",
                    "font-size", 10, "fill", Palette.AXIS);
        }
        int chars = Math.max(4, (column - 8) / 6);
        for (int i = 0; i < ops.size(); i++) {
            Timed op = ops.get(i);
            double x = LEFT + processes.indexOf(op.pair().invoke().process()) * column + 3;
            double y0 = TOP + ROW * slots[i][0] + 1;
            double y1 = TOP + ROW * slots[i][1] + ROW - 1;
            boolean anomaly = focus.contains(op.pair().invoke().index());
            svg.open("g", "class", anomaly ? "op anomaly" : "op op-" + op.type());
            svg.element("title", describe(op));
            svg.rect(x, y0, column - 6, y1 - y0, Palette.type(op.type()), "fill-opacity", "0.35", "rx", "3",
                    "stroke", anomaly ? Palette.HIGHLIGHT : Palette.type(op.type()), "stroke-width", anomaly ? "3" : "1",
                    "stroke-dasharray", op.completed() ? null : "4 2");
            Object key = op.pair().invoke().key();
            svg.text(x + 4, y0 + 11, abbreviate((key == null ? "" : key(key) + " ") + label(op), chars), "font-size", 10,
                    "fill", Palette.TEXT);
            svg.close("g");
        }
        return svg.finish();
    }

    /** What a box says: f, the value, and how it ended when it did not end ok. */
    static String label(Timed op) {
        String value = Values.show(op.pair().value());
        return op.f() + " " + value + (op.type().equals("ok") ? "" : " " + op.type());
    }

    static String describe(Timed op) {
        StringBuilder sb = new StringBuilder();
        sb.append("op ").append(op.pair().invoke().index()).append(": process ").append(op.pair().invoke().process()).append(' ')
          .append(op.f()).append(' ').append(Values.show(op.pair().value())).append(' ').append(op.type());
        if (op.pair().invoke().key() != null) sb.append(" key ").append(Values.show(op.pair().invoke().key()));
        if (op.pair().invoke().node() != null) sb.append(" on ").append(op.pair().invoke().node());
        sb.append(", ").append(TimePlot.seconds(op.start())).append("–");
        sb.append(op.completed() ? TimePlot.seconds(op.end()) + " s" : "never completed");
        if (op.completed()) sb.append(String.format(java.util.Locale.ROOT, " (%.2f ms)", op.latencyMillis()));
        if (op.pair().completion() != null && op.pair().completion().error() != null) {
            sb.append(", error ").append(op.pair().completion().error());
        }
        return sb.toString();
    }

    /** A key as users name it: a string without quotes. */
    static String key(Object key) {
        return key instanceof String s ? s : Values.show(key);
    }

    static String abbreviate(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, Math.max(1, chars - 1)) + "…";
    }

    private static long timeOfSlot(List<Timed> ops, int[][] slots, int slot) {
        for (int i = 0; i < ops.size(); i++) {
            if (slots[i][0] == slot) return ops.get(i).start();
            if (slots[i][1] == slot) return ops.get(i).end();
        }
        return 0;
    }
}
