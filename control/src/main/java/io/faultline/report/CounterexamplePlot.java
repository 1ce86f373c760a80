package io.faultline.report;

import io.faultline.history.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A linearizability counterexample drawn as Knossos' linear.svg and Porcupine's visualisation draw one: a row per
 * process, time across as the order of events, the last ops of the longest linearizable prefix in green, numbered
 * in linearization order with the path through them and the state each leaves, and the ops that cannot be
 * linearized next in red, with the state before them. Above the processes, on the same axis: the nemesis (its
 * bands and ops) and a row per node with a mark for each log line of the window.
 */
final class CounterexamplePlot {
    static final int MAX_OPS = 32;
    private static final int PREFIX_SHOWN = 8;
    private static final int LEFT = 118;
    private static final int MIN_SLOT = 22;
    private static final int MAX_SLOT = 56;
    private static final int PLOT_WIDTH = 1000;
    private static final int TOP = 64;
    private static final int SIDE_ROW = 24;
    private static final int PROCESS_ROW = 46;
    private static final int BAR = 20;

    /** What was drawn: the svg, the ops shown (by start) and the time they span, in history nanoseconds. */
    record Drawn(String svg, List<Timed> ops, long from, long to) {
    }

    private CounterexamplePlot() {
    }

    /** The ops to draw: the highlighted ones, the end of the prefix, and the ops of the same key around them. */
    static List<Timed> window(Counterexample ce, List<Timed> all) {
        Map<Long, Timed> byIndex = new HashMap<>();
        for (Timed op : all) byIndex.put(op.pair().invoke().index(), op);
        // By identity: ops are records whose hash would walk their values, once per op of a long history.
        Set<Timed> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Long i : ce.focus()) if (byIndex.containsKey(i)) chosen.add(byIndex.get(i));
        List<Counterexample.Step> steps = ce.linearized();
        for (Counterexample.Step step : steps.subList(Math.max(0, steps.size() - PREFIX_SHOWN), steps.size())) {
            if (byIndex.containsKey(step.invokeIndex())) chosen.add(byIndex.get(step.invokeIndex()));
        }
        if (chosen.isEmpty()) return List.of();
        long from = chosen.stream().mapToLong(Timed::start).min().orElse(0);
        long to = chosen.stream().filter(Timed::completed).mapToLong(Timed::end).max()
                .orElse(chosen.stream().mapToLong(Timed::start).max().orElse(from));
        long centre = chosen.stream().filter(op -> ce.focus().contains(op.pair().invoke().index())).mapToLong(Timed::start)
                .min().orElse(from);
        List<Timed> context = new ArrayList<>();
        for (Timed op : all) {
            if (!chosen.contains(op) && ce.sameKey(op.pair().invoke().key()) && op.start() <= to && op.end() >= from) context.add(op);
        }
        context.sort(Comparator.comparingLong(op -> Math.abs(op.start() - centre)));
        for (Timed op : context) {
            if (chosen.size() >= MAX_OPS) break;
            chosen.add(op);
        }
        List<Timed> ops = new ArrayList<>(chosen);
        ops.sort(Comparator.comparingLong(Timed::start).thenComparingLong(op -> op.pair().invoke().index()));
        return ops;
    }

    static Drawn draw(Counterexample ce, List<Timed> ops, List<Faults.Band> bands, List<Faults.Event> events,
                      List<NodeLogs.Line> logs, Map<String, String> faultColours) {
        int[][] slots = OrdinalAxis.slots(ops);
        OrdinalAxis axis = OrdinalAxis.of(ops);
        // Few events get wide slots, so each op's label fits in its bar; many get narrow ones and scroll.
        int slot = Math.max(MIN_SLOT, Math.min(MAX_SLOT, PLOT_WIDTH / Math.max(1, axis.slots())));
        long from = axis.first();
        long to = axis.last();
        List<Integer> processes = new ArrayList<>(new TreeSet<>(ops.stream().map(op -> op.pair().invoke().process()).toList()));
        Map<String, List<NodeLogs.Line>> logsByNode = new TreeMap<>();
        for (NodeLogs.Line line : logs) {
            if (line.time() >= from && line.time() <= to) logsByNode.computeIfAbsent(line.node(), n -> new ArrayList<>()).add(line);
        }
        int sideRows = 1 + Math.max(1, logsByNode.size());
        int processTop = TOP + sideRows * SIDE_ROW + 10;
        int width = Math.max(1100, LEFT + slot * Math.max(1, axis.slots()) + 150);
        int height = processTop + PROCESS_ROW * processes.size() + 30;
        Svg svg = new Svg(width, height, "Counterexample: " + ce.summary());
        svg.text(8, 18, TimelinePlot.abbreviate("Not linearizable" + (ce.key() == null ? "" : " (key " + TimelinePlot.key(ce.key()) + ")")
                + ": " + ce.summary(), width / 7), "font-size", 13, "font-weight", "bold", "fill", Palette.HIGHLIGHT);
        svg.text(8, 36, "Red: cannot be linearized next, in state " + Values.show(ce.state()) + ". Green: the end of the longest"
                + " linearizable prefix, numbered in linearization order, with the state each op leaves.", "font-size", 11, "fill", Palette.TEXT);
        svg.text(8, 52, "Time runs across as the order of events, " + TimePlot.seconds(from) + "–" + TimePlot.seconds(to)
                + " s after the start. Dashed: indeterminate (info, or never completed), it may take effect any time after its"
                + " invocation.", "font-size", 11, "fill", Palette.AXIS);

        double right = LEFT + slot * Math.max(1, axis.slots());
        drawNemesis(svg, axis, slot, bands, events, faultColours, from, to, right);
        int row = 1;
        if (logsByNode.isEmpty()) {
            svg.text(8, TOP + SIDE_ROW + 15, "node logs", "font-size", 11, "fill", Palette.AXIS);
            svg.text(LEFT, TOP + SIDE_ROW + 15, "no node log lines in this window", "font-size", 11, "fill", Palette.AXIS);
        }
        for (Map.Entry<String, List<NodeLogs.Line>> node : logsByNode.entrySet()) {
            double y = TOP + row * SIDE_ROW;
            svg.text(8, y + 15, "log " + node.getKey() + " (" + node.getValue().size() + ")", "font-size", 11, "fill", Palette.AXIS);
            for (NodeLogs.Line line : node.getValue()) {
                double x = LEFT + slot * axis.slot(line.time()) + slot / 2.0;
                svg.open("g", "class", "log-line", "data-node", node.getKey());
                svg.element("title", TimePlot.seconds(line.time()) + " s " + line.file() + ":" + line.number() + " " + line.text());
                svg.line(x, y + 4, x, y + SIDE_ROW - 4, "#5f6b7a", "stroke-width", "2");
                svg.close("g");
            }
            row++;
        }

        Map<Long, Integer> order = new HashMap<>();
        Map<Long, Counterexample.Step> steps = new HashMap<>();
        List<Counterexample.Step> linearized = ce.linearized();
        for (int i = 0; i < linearized.size(); i++) {
            order.put(linearized.get(i).invokeIndex(), ce.omitted() + i + 1);
            steps.put(linearized.get(i).invokeIndex(), linearized.get(i));
        }
        for (int p = 0; p < processes.size(); p++) {
            double y = processTop + p * PROCESS_ROW;
            svg.text(8, y + BAR / 2.0 + 4, "process " + processes.get(p) + node(ops, processes.get(p)), "font-size", 11,
                    "fill", Palette.TEXT);
            svg.line(LEFT, y + BAR / 2.0, right, y + BAR / 2.0, Palette.GRID);
        }
        List<double[]> path = new ArrayList<>();
        double[] pathX = new double[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            Timed op = ops.get(i);
            long index = op.pair().invoke().index();
            double y = processTop + processes.indexOf(op.pair().invoke().process()) * PROCESS_ROW;
            double x0 = LEFT + slot * slots[i][0] + 2;
            double x1 = determinate(op) ? LEFT + slot * slots[i][1] + slot - 2 : right;
            boolean stuck = ce.stuck().containsKey(index);
            boolean first = ce.mustPrecede() != null && ce.mustPrecede() == index;
            Integer n = order.get(index);
            String cls = stuck ? "op cannot-linearize" : first ? "op must-precede" : n != null ? "op linearized" : "op";
            String fill = stuck ? Palette.HIGHLIGHT : n != null ? Palette.LINEARIZED : Palette.CONTEXT;
            String stroke = stuck ? Palette.HIGHLIGHT : first ? Palette.INFO : n != null ? "#3c7a2a" : "#9aa0a6";
            svg.open("g", "class", cls, "data-index", index);
            svg.element("title", TimelinePlot.describe(op) + (stuck ? "; cannot be linearized: " + ce.stuck().get(index) : "")
                    + (first ? "; completed, so it had to be linearized before anything invoked later" : ""));
            svg.rect(x0, y, x1 - x0, BAR, fill, "fill-opacity", stuck ? "0.30" : "0.45", "rx", "3", "stroke", stroke,
                    "stroke-width", stuck || first ? "3" : "1", "stroke-dasharray", determinate(op) ? null : "5 3");
            int chars = (int) Math.max(3, (x1 - x0 - 6) / 6.2);
            svg.text(x0 + 7, y + 14, TimelinePlot.abbreviate(TimelinePlot.label(op), chars), "font-size", 11, "fill", Palette.TEXT);
            if (stuck) {
                svg.text(x0, y + BAR + 14, "✗ state before: " + Values.show(ce.state()), "font-size", 11, "font-weight", "bold",
                        "fill", Palette.HIGHLIGHT);
            } else if (n != null && steps.get(index).hasState()) {
                svg.text(x0, y + BAR + 13, "#" + n + " → " + TimelinePlot.abbreviate(Values.show(steps.get(index).stateAfter()), 14),
                        "font-size", 10, "fill", "#3c7a2a");
            }
            svg.close("g");
            pathX[i] = (x0 + x1) / 2;
        }
        // The linearization: the prefix's ops in order, each at a point inside its interval and after the last.
        double last = LEFT;
        for (Counterexample.Step step : linearized) {
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i).pair().invoke().index() != step.invokeIndex()) continue;
                double x0 = LEFT + slot * slots[i][0] + 4;
                double x1 = determinate(ops.get(i)) ? LEFT + slot * slots[i][1] + slot - 4 : right;
                double x = Math.min(Math.max(last + 4, x0), Math.max(x0, x1));
                last = x;
                path.add(new double[] {x, processTop + processes.indexOf(ops.get(i).pair().invoke().process()) * PROCESS_ROW + BAR / 2.0});
            }
        }
        if (path.size() > 1) {
            StringBuilder d = new StringBuilder();
            for (double[] p : path) d.append(d.length() == 0 ? "M" : " L").append(Markup.number(p[0])).append(' ').append(Markup.number(p[1]));
            svg.empty("path", "class", "linearization", "d", d.toString(), "fill", "none", "stroke", "#3c7a2a", "stroke-width", "1.5",
                    "stroke-opacity", "0.8");
        }
        for (double[] p : path) svg.empty("circle", "cx", p[0], "cy", p[1], "r", 3, "fill", "#3c7a2a");
        return new Drawn(svg.finish(), ops, from, to);
    }

    /**
     * Whether the op took effect, if at all, before its completion: an info op (or one that never completed) may take
     * effect at any time after its invocation, so, as in Knossos' drawings, its bar runs to the end, dashed.
     */
    private static boolean determinate(Timed op) {
        return op.completed() && !op.type().equals("info");
    }

    /** The node a process talked to in the window, when it was one node: a stale read is that node's. */
    private static String node(List<Timed> ops, int process) {
        Set<String> nodes = new TreeSet<>();
        for (Timed op : ops) {
            if (op.pair().invoke().process() == process && op.pair().invoke().node() != null) nodes.add(op.pair().invoke().node());
        }
        return nodes.size() == 1 ? " → " + nodes.iterator().next() : "";
    }

    private static void drawNemesis(Svg svg, OrdinalAxis axis, int slot, List<Faults.Band> bands, List<Faults.Event> events,
                                    Map<String, String> colours, long from, long to, double right) {
        double y = TOP;
        svg.text(8, y + 15, "nemesis", "font-size", 11, "fill", Palette.AXIS);
        svg.line(LEFT, y + SIDE_ROW / 2.0, right, y + SIDE_ROW / 2.0, Palette.GRID);
        for (Faults.Band band : bands) {
            if (band.to() < from || band.from() > to) continue;
            double x0 = LEFT + slot * axis.slot(band.from());
            double x1 = band.to() >= to ? right : LEFT + slot * axis.slot(band.to()) + slot;
            String colour = colours.getOrDefault(band.fault(), Palette.fault(0));
            svg.open("g", "class", "nemesis-band", "data-fault", band.fault());
            svg.element("title", band.fault() + " active " + TimePlot.seconds(band.from()) + "–" + TimePlot.seconds(band.to()) + " s "
                    + band.detail());
            svg.rect(x0, y + 3, Math.max(2, x1 - x0), SIDE_ROW - 6, colour, "fill-opacity", "0.35");
            svg.text(x0 + 3, y + 16, band.fault() + " " + TimelinePlot.abbreviate(band.detail(), (int) Math.max(0, (x1 - x0) / 6.5 - 10)),
                    "font-size", 10, "fill", Palette.TEXT);
            svg.close("g");
        }
        for (Faults.Event event : events) {
            if (event.time() < from || event.time() > to) continue;
            double x = LEFT + slot * axis.slot(event.time()) + slot / 2.0;
            svg.open("g", "class", "nemesis-event");
            svg.element("title", TimePlot.seconds(event.time()) + " s " + event.type() + " " + event.f() + " " + event.value()
                    + (event.error() == null ? "" : " error " + event.error()));
            svg.line(x, y + 1, x, y + SIDE_ROW - 1, "#333333", "stroke-width", "2");
            svg.close("g");
        }
    }
}
