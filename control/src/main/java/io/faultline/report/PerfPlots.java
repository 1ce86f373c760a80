package io.faultline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Jepsen's perf plots: every operation's latency (by f and outcome), latency quantiles over time, and throughput
 * over time, each over the nemesis bands. Sizes are bounded whatever the run's length: raw points are thinned
 * deterministically to the fastest and slowest op of each series in each of {@link #BUCKETS} slices of time,
 * which keeps the outliers and the shape; quantiles and rates are taken over at most about 100 windows.
 */
final class PerfPlots {
    static final int BUCKETS = 300;
    private static final double[] QUANTILES = {0.5, 0.95, 0.99, 1.0};
    private static final String[] QUANTILE_NAMES = {"p50", "p95", "p99", "max"};
    private static final String[] DASHES = {null, "6 3", "2 2", "8 3 2 3"};
    private static final List<String> TYPES = List.of("ok", "info", "fail");

    private final List<Timed> completed;
    private final List<Faults.Band> bands;
    private final Map<String, String> faultColours;
    private final double tMax;
    private final List<String> fs;

    PerfPlots(List<Timed> ops, List<Faults.Band> bands, Map<String, String> faultColours, long historyEnd) {
        this.completed = ops.stream().filter(Timed::completed).toList();
        this.bands = bands;
        this.faultColours = faultColours;
        this.tMax = historyEnd / 1e9;
        this.fs = List.copyOf(new TreeSet<>(ops.stream().map(Timed::f).toList()));
    }

    /** How many raw points {@link #latencyRaw()} draws: at most two per series and bucket. */
    int rawPointsDrawn() {
        return thinned().size();
    }

    String latencyRaw() {
        double[] range = latencyRange();
        TimePlot plot = new TimePlot("Latency of every operation (by f and outcome)", "latency (ms)", tMax, range[0], range[1], true,
                bands, faultColours);
        Svg svg = plot.svg();
        svg.open("g", "class", "points");
        for (Timed op : thinned()) {
            TimePlot.marker(svg, fs.indexOf(op.f()), plot.x(op.start() / 1e9), plot.y(op.latencyMillis()), Palette.type(op.type()));
        }
        svg.close("g");
        List<TimePlot.Key> keys = new ArrayList<>();
        for (String type : TYPES) keys.add(new TimePlot.Key(type, Palette.type(type), 0, null));
        for (int i = 0; i < fs.size(); i++) keys.add(new TimePlot.Key(fs.get(i), "#555555", i, null));
        addFaultKeys(keys);
        plot.legend(keys);
        return plot.finish();
    }

    String latencyQuantiles() {
        double[] range = latencyRange();
        TimePlot plot = new TimePlot("Latency quantiles (completed operations, by f)", "latency (ms)", tMax, range[0], range[1], true,
                bands, faultColours);
        double window = window();
        List<TimePlot.Key> keys = new ArrayList<>();
        for (int fi = 0; fi < fs.size(); fi++) {
            String f = fs.get(fi);
            Map<Integer, List<Double>> byWindow = new TreeMap<>();
            for (Timed op : completed) {
                if (op.f().equals(f)) byWindow.computeIfAbsent((int) (op.start() / 1e9 / window), w -> new ArrayList<>()).add(op.latencyMillis());
            }
            for (int q = 0; q < QUANTILES.length; q++) {
                List<double[]> points = new ArrayList<>();
                for (Map.Entry<Integer, List<Double>> w : byWindow.entrySet()) {
                    double[] sorted = w.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    points.add(new double[] {(w.getKey() + 0.5) * window, quantile(sorted, QUANTILES[q])});
                }
                plot.series(points, Palette.series(fi), DASHES[q], "quantile");
            }
            keys.add(new TimePlot.Key(f, Palette.series(fi), -1, null));
        }
        for (int q = 0; q < QUANTILES.length; q++) keys.add(new TimePlot.Key(QUANTILE_NAMES[q], "#555555", -1, DASHES[q]));
        addFaultKeys(keys);
        plot.legend(keys);
        return plot.finish();
    }

    String rate() {
        double window = window();
        Map<String, Map<Integer, Integer>> counts = new LinkedHashMap<>();
        int windows = (int) Math.ceil(tMax / window) + 1;
        for (Timed op : completed) {
            counts.computeIfAbsent(op.f() + " " + op.type(), k -> new TreeMap<>()).merge((int) (op.end() / 1e9 / window), 1, Integer::sum);
        }
        double max = 1;
        for (Map<Integer, Integer> series : counts.values()) {
            for (Map.Entry<Integer, Integer> w : series.entrySet()) {
                double covered = covered(w.getKey(), window);
                if (covered > 0) max = Math.max(max, w.getValue() / covered);
            }
        }
        TimePlot plot = new TimePlot("Throughput (completions per second, by f and outcome)", "operations / s", tMax, 0, max, false,
                bands, faultColours);
        List<TimePlot.Key> keys = new ArrayList<>();
        for (int fi = 0; fi < fs.size(); fi++) {
            for (String type : TYPES) {
                Map<Integer, Integer> series = counts.get(fs.get(fi) + " " + type);
                if (series == null) continue;
                List<double[]> points = new ArrayList<>();
                for (int w = 0; w < windows; w++) {
                    double covered = covered(w, window);
                    if (covered <= 0) continue;
                    points.add(new double[] {w * window + covered / 2, series.getOrDefault(w, 0) / covered});
                }
                String dash = DASHES[fi % DASHES.length];
                plot.series(points, Palette.type(type), dash, "rate");
                keys.add(new TimePlot.Key(fs.get(fi) + " " + type, Palette.type(type), -1, dash));
            }
        }
        addFaultKeys(keys);
        plot.legend(keys);
        return plot.finish();
    }

    /**
     * How much of window {@code w} the run covers: the last window ends with the run, so its rate is divided by the
     * time it covers rather than dipping; a sliver of a window (under a tenth) gives no point at all.
     */
    private double covered(int w, double window) {
        double covered = Math.min(window, tMax - w * window);
        return covered > window / 10 ? covered : 0;
    }

    /** The fastest and the slowest op of each (f, type) in each time bucket, in a stable order. */
    private List<Timed> thinned() {
        Map<String, Timed[][]> kept = new TreeMap<>();
        for (Timed op : completed) {
            int bucket = (int) Math.min(BUCKETS - 1, op.start() / 1e9 / Math.max(tMax, 1e-9) * BUCKETS);
            Timed[][] series = kept.get(op.f() + " " + op.type());
            if (series == null) kept.put(op.f() + " " + op.type(), series = new Timed[BUCKETS][2]);
            Timed[] pair = series[bucket];
            if (pair[0] == null || op.latencyMillis() < pair[0].latencyMillis()) pair[0] = op;
            if (pair[1] == null || op.latencyMillis() > pair[1].latencyMillis()) pair[1] = op;
        }
        List<Timed> points = new ArrayList<>();
        for (Timed[][] series : kept.values()) {
            for (Timed[] pair : series) {
                if (pair[0] != null) points.add(pair[0]);
                if (pair[1] != null && pair[1] != pair[0]) points.add(pair[1]);
            }
        }
        points.sort(Comparator.comparingLong(Timed::start));
        return points;
    }

    private double[] latencyRange() {
        double min = completed.stream().mapToDouble(Timed::latencyMillis).filter(v -> v > 0).min().orElse(0.1);
        double max = completed.stream().mapToDouble(Timed::latencyMillis).max().orElse(1);
        return new double[] {min, max};
    }

    /** About a hundred windows over the run, on a round number of seconds. */
    private double window() {
        return TimePlot.niceStep(Math.max(tMax, 0.01) / 100);
    }

    private void addFaultKeys(List<TimePlot.Key> keys) {
        faultColours.forEach((fault, colour) -> keys.add(new TimePlot.Key(fault + " (nemesis)", colour, 1, null)));
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }
}
