package io.faultline.report;

import io.faultline.checker.OpPairs;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.Op;
import io.faultline.run.Results;
import io.faultline.run.RunDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's report into its directory: {@code report.html} with {@code report.css} and the optional
 * {@code report.js}, one SVG file per plot (latency, quantiles, throughput, timeline, and each counterexample), and
 * {@code history.edn}, the Jepsen export. Every plot is a file the page shows with {@code <img>}, so an archive served
 * under a Content-Security-Policy that blocks scripts and inline styles (Jenkins') still shows all of them.
 */
public final class RunReport {
    public static final String HTML = "report.html";
    static final String CSS = "report.css";
    static final String JS = "report.js";
    static final String LATENCY_RAW = "latency-raw.svg";
    static final String LATENCY_QUANTILES = "latency-quantiles.svg";
    static final String RATE = "rate.svg";
    static final String TIMELINE = "timeline.svg";
    static final String EDN = "history.edn";
    /** Node log lines shown beside a counterexample: a window's worth, not a log. */
    static final int MAX_LOG_LINES = 200;
    /** How far before and after a counterexample's ops nemesis ops and log lines are shown. */
    private static final long MARGIN_NANOS = 1_000_000_000L;

    private RunReport() {
    }

    /**
     * (Re)builds the report of a stored run from its {@code history.jsonl} and {@code results.json}.
     *
     * @throws ReportException naming what is missing or unreadable, and what to do
     */
    public static Path rebuild(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) throw new ReportException(runDir + ": no such run directory");
        RunDirectory dir = RunDirectory.existing(runDir);
        if (!Files.isRegularFile(dir.history())) {
            throw new ReportException(runDir + ": no history.jsonl here, so this is not a run directory (or the run never started)");
        }
        if (!Files.isRegularFile(dir.results())) {
            throw new ReportException(runDir + ": no results.json: the run never concluded; 'faultline check " + runDir
                    + "' checks its history and writes the report");
        }
        Results results;
        try {
            results = Results.read(dir.results());
        } catch (IOException e) {
            throw new ReportException(dir.results() + ": cannot be read: " + firstLine(e.getMessage()));
        }
        if (results.valid() == null) throw new ReportException(dir.results() + ": has no verdict (\"valid\")");
        History history;
        try {
            history = History.read(dir.history(), HistoryFormat.JSONL).inTimeOrder();
        } catch (HistoryParseException e) {
            throw new ReportException(e.getMessage());
        }
        return write(runDir, history, results);
    }

    /**
     * Writes the report of {@code history} (in time order) judged as {@code results}. The results of a {@code check}
     * know nothing of the run: they are shown with the run's facts from its results.json, its wall-clock origin
     * among them, so node logs can still be placed.
     */
    public static Path write(Path runDir, History history, Results judged) throws IOException {
        Results results = judged.run() == null ? withRunFacts(judged, runDir) : judged;
        Instant origin = origin(results.origin());
        long end = 0;
        for (Op op : history) end = Math.max(end, op.hasTime() ? op.time() : 0);
        List<Faults.Band> bands = Faults.bands(history, end);
        Map<String, String> colours = Faults.colours(bands);
        List<Faults.Event> events = Faults.events(history);
        String problem = null;
        List<Timed> ops;
        try {
            ops = Timed.of(OpPairs.of(history), end);
        } catch (IllegalArgumentException e) {
            ops = List.of();
            problem = "The history's operations cannot be paired, so no operation is drawn: " + e.getMessage();
        }

        PerfPlots perf = new PerfPlots(ops, bands, colours, end);
        writeFile(runDir.resolve(LATENCY_RAW), perf.latencyRaw());
        writeFile(runDir.resolve(LATENCY_QUANTILES), perf.latencyQuantiles());
        writeFile(runDir.resolve(RATE), perf.rate());
        List<ReportPage.Figure> perfFigures = List.of(
                new ReportPage.Figure(LATENCY_RAW, "latency of every operation", "Latency of each operation at its invocation,"
                        + " coloured by outcome, shaped by f, on a log scale; shaded: a fault was active. " + perf.rawPointsDrawn()
                        + " points drawn: the fastest and slowest of each f and outcome in each of " + PerfPlots.BUCKETS + " slices of time.", false),
                new ReportPage.Figure(LATENCY_QUANTILES, "latency quantiles", "Latency quantiles of completed operations by f.", false),
                new ReportPage.Figure(RATE, "throughput", "Completions per second by f and outcome.", false));

        List<Counterexample> counterexamples = Counterexample.in(results.checkers());
        Set<Long> focus = counterexamples.isEmpty() ? Set.of() : counterexamples.get(0).focus();
        List<NodeLogs.Line> logs = origin == null ? List.of() : NodeLogs.read(runDir, origin);
        List<ReportPage.Anomaly> anomalies = new ArrayList<>();
        for (Counterexample ce : counterexamples) {
            List<Timed> window = CounterexamplePlot.window(ce, ops);
            if (window.isEmpty()) continue;
            long from = window.stream().mapToLong(Timed::start).min().orElse(0);
            long to = window.stream().mapToLong(op -> op.completed() ? op.end() : op.start()).max().orElse(from);
            List<NodeLogs.Line> near = logs.stream()
                    .filter(l -> l.time() >= from - MARGIN_NANOS && l.time() <= to + MARGIN_NANOS).limit(MAX_LOG_LINES).toList();
            CounterexamplePlot.Drawn drawn = CounterexamplePlot.draw(ce, window, bands, events, near, colours);
            String file = counterexamples.size() == 1 ? "counterexample.svg" : "counterexample-" + ce.checker() + ".svg";
            writeFile(runDir.resolve(file), drawn.svg());
            List<Faults.Event> nemesis = events.stream()
                    .filter(e -> e.time() >= from - MARGIN_NANOS && e.time() <= to + MARGIN_NANOS).toList();
            List<Faults.Band> active = bands.stream().filter(b -> b.from() <= to && b.to() >= from).toList();
            anomalies.add(new ReportPage.Anomaly(ce, new ReportPage.Figure(file, "counterexample", "The operations around the"
                    + " anomaly; hover (open the SVG) for each op's details, nemesis op and log line.", true), drawn, nemesis, active, near,
                    logsNote(runDir, origin, logs, near)));
        }

        TimelinePlot.Window window = TimelinePlot.window(ops, focus);
        writeFile(runDir.resolve(TIMELINE), TimelinePlot.draw(ops, window, focus, bands, colours));
        history.writeEdn(runDir.resolve(EDN));
        copyResource(CSS, runDir);
        copyResource(JS, runDir);

        ReportPage.Content content = new ReportPage.Content(results, anomalies, perfFigures,
                new ReportPage.Figure(TIMELINE, "timeline of operations by process", "Operations by process; time runs down."
                        + (focus.isEmpty() ? "" : " The operation that cannot be linearized is outlined in red, about three quarters"
                        + " of the way down."), true),
                window.why() + (window.total() > window.to() - window.from()
                        ? " (ops " + (window.from() + 1) + "–" + window.to() + " of " + window.total() + ")" : ""),
                bands, events, DbEvents.in(logs), links(runDir), problem);
        Path html = runDir.resolve(HTML);
        writeFile(html, ReportPage.render(content));
        return html;
    }

    private static String logsNote(Path runDir, Instant origin, List<NodeLogs.Line> all, List<NodeLogs.Line> near) throws IOException {
        if (origin == null) {
            return "results.json records no wall-clock origin for this run, so node log lines cannot be placed on its timeline.";
        }
        if (NodeLogs.files(runDir).isEmpty()) return "This run collected no node logs (nodes/<node>/…).";
        if (all.isEmpty()) return "The node logs have no line with a time that can be read.";
        if (near.isEmpty()) return "No node log line falls in this window.";
        return near.size() >= MAX_LOG_LINES ? "The first " + MAX_LOG_LINES + " lines of the window." : null;
    }

    /** The files of the run a reader may want, as links relative to the report. */
    private static List<String> links(Path runDir) throws IOException {
        List<String> links = new ArrayList<>();
        for (String name : List.of("history.jsonl", EDN, "results.json", "junit.xml", "test.yaml", "control.log")) {
            if (Files.isRegularFile(runDir.resolve(name)) || name.equals(EDN)) links.add(name);
        }
        for (Path log : NodeLogs.files(runDir)) links.add(log.toString().replace('\\', '/'));
        return Collections.unmodifiableList(links);
    }

    private static Instant origin(String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Results withRunFacts(Results check, Path runDir) {
        Path stored = RunDirectory.existing(runDir).results();
        if (!Files.isRegularFile(stored)) return check;
        Results run;
        try {
            run = Results.read(stored);
        } catch (IOException e) {
            return check;
        }
        return new Results(check.valid(), check.why(), check.file(), run.test(), run.run(), run.seed(), run.started(), run.origin(),
                run.nodes(), run.concurrency(), run.workload(), run.client(), run.plugins(), run.nemesis(), check.ops(), check.phaseMs(),
                run.clocks(), check.checkers());
    }

    private static void writeFile(Path file, String text) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyResource(String name, Path runDir) throws IOException {
        try (InputStream in = RunReport.class.getResourceAsStream(name)) {
            if (in == null) throw new UncheckedIOException(new IOException("the build lacks the resource " + name));
            Files.copy(in, runDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
