package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.history.Values;
import io.faultline.run.Results;

import java.util.List;
import java.util.Map;

/** report.html: the verdict and why first, then the evidence, then the run's facts and files. */
final class ReportPage {
    private static final int DETAIL_CHARS = 240;
    static final int MAX_TABLE_ROWS = 300;

    /** A plot file and what it shows. */
    record Figure(String file, String alt, String caption, boolean wide) {
    }

    /** One counterexample with what happened around it. */
    record Anomaly(Counterexample ce, Figure figure, CounterexamplePlot.Drawn drawn, List<Faults.Event> nemesis,
                   List<Faults.Band> activeBands, List<NodeLogs.Line> logs, String logsNote) {
    }

    record Content(Results results, List<Anomaly> anomalies, List<Figure> perf, Figure timeline, String timelineWhy,
                   List<Faults.Band> bands, List<Faults.Event> events, List<DbEvents.Event> dbEvents, List<String> files,
                   String problem) {
    }

    private ReportPage() {
    }

    static String render(Content c) {
        Results r = c.results();
        String verdict = r.valid().word();
        String name = r.test() != null ? r.test() : r.file() != null ? r.file() : "run";
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").raw("\n").open("head");
        h.empty("meta", "charset", "utf-8");
        h.element("title", name + ": " + verdict);
        h.empty("link", "rel", "stylesheet", "href", RunReport.CSS);
        h.element("script", "", "src", RunReport.JS, "defer", "defer");
        h.close("head").open("body").raw("\n");

        h.open("header", "class", "verdict verdict-" + verdict);
        h.open("h1").text(name + ": ").element("span", verdict, "class", "word word-" + verdict).close("h1");
        h.element("p", r.why(), "class", "why");
        StringBuilder meta = new StringBuilder();
        if (r.run() != null) meta.append("run ").append(r.run());
        if (r.started() != null) meta.append(" · started ").append(r.started());
        if (r.seed() != null) meta.append(" · seed ").append(r.seed());
        if (r.file() != null) meta.append(" · checked from ").append(r.file());
        h.element("p", meta.toString(), "class", "meta");
        h.close("header");

        h.open("nav");
        h.element("a", "Checkers", "href", "#checkers");
        if (!c.anomalies().isEmpty()) h.element("a", "Counterexample", "href", "#counterexample");
        h.element("a", "Latency and throughput", "href", "#perf");
        h.element("a", "Nemesis", "href", "#nemesis");
        h.element("a", "Timeline", "href", "#timeline");
        h.element("a", "Run", "href", "#run");
        h.element("a", "Files", "href", "#files");
        h.close("nav");

        if (c.problem() != null) h.open("section").element("p", c.problem(), "class", "note").close("section");
        checkers(h, r);
        for (Anomaly a : c.anomalies()) anomaly(h, a);

        h.open("section", "id", "perf").element("h2", "Latency and throughput");
        for (Figure f : c.perf()) figure(h, f);
        h.close("section");

        nemesis(h, c.bands(), c.events(), r);
        dbEvents(h, c.dbEvents());

        h.open("section", "id", "timeline").element("h2", "Timeline");
        h.element("p", "Showing " + c.timelineWhy() + ". Each box runs from an operation's invocation to its completion; "
                + "dashed: it never completed; outlined in red: it cannot be linearized.", "class", "note");
        figure(h, c.timeline());
        h.close("section");

        facts(h, r);
        h.open("section", "id", "files").element("h2", "Files").open("ul", "class", "files");
        for (String file : c.files()) h.open("li").element("a", file, "href", file).close("li");
        h.close("ul").close("section");
        h.close("body").close("html");
        return h.finish();
    }

    private static void checkers(Html h, Results r) {
        h.open("section", "id", "checkers").element("h2", "Checkers");
        if (r.checkers() == null || r.checkers().isEmpty()) {
            h.element("p", "No checker ran: " + r.why(), "class", "note").close("section");
            return;
        }
        h.open("table").headings("checker", "verdict", "details").open("tbody");
        for (Map.Entry<String, CheckResult> e : r.checkers().entrySet()) {
            String word = e.getValue().valid().word();
            h.row(e.getKey(), Html.cell("word word-" + word, word), Html.cell("mono", details(e.getValue().details())));
        }
        h.close("tbody").close("table").close("section");
    }

    /** A checker's details in one line; a counterexample is drawn below, so only its summary is given here. */
    static String details(Map<String, Object> details) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : details.entrySet()) {
            if (!sb.isEmpty()) sb.append("; ");
            Object v = e.getValue();
            if (e.getKey().equals("counterexample") && v instanceof Map<?, ?> ce) v = ce.get("summary");
            String shown = v instanceof CheckResult nested ? nested.valid().word() : Values.show(v);
            sb.append(e.getKey()).append(' ').append(shown.length() > DETAIL_CHARS ? shown.substring(0, DETAIL_CHARS - 1) + "…" : shown);
        }
        return sb.toString();
    }

    private static void anomaly(Html h, Anomaly a) {
        Counterexample ce = a.ce();
        h.open("section", "id", "counterexample").element("h2", "Counterexample (" + ce.checker() + ")");
        h.element("p", ce.summary(), "class", "why");
        h.open("p").text("State before the highlighted operations: ").element("code", Values.show(ce.state()))
                .text(ce.key() == null ? "" : " · key " + TimelinePlot.key(ce.key())).close("p");
        h.open("table").headings("op", "process", "operation", "invoked (s)", "completed (s)", "why").open("tbody");
        for (Timed op : a.drawn().ops()) {
            long index = op.pair().invoke().index();
            boolean stuck = ce.stuck().containsKey(index);
            boolean first = ce.mustPrecede() != null && ce.mustPrecede() == index;
            if (!stuck && !first) continue;
            h.open("tr", "class", "stuck");
            h.element("td", Long.toString(index), "class", "num");
            h.element("td", Integer.toString(op.pair().invoke().process()));
            h.element("td", TimelinePlot.label(op), "class", "mono");
            h.element("td", TimePlot.seconds(op.start()), "class", "num");
            h.element("td", op.completed() ? TimePlot.seconds(op.end()) : "never", "class", "num");
            h.element("td", stuck ? ce.stuck().get(index) : "it completed, so it had to be linearized before anything invoked later");
            h.close("tr");
        }
        h.close("tbody").close("table");
        figure(h, a.figure());

        h.open("div", "class", "side");
        h.open("div").element("h3", "Nemesis in the same window (" + TimePlot.seconds(a.drawn().from()) + "–"
                + TimePlot.seconds(a.drawn().to()) + " s)");
        if (!a.activeBands().isEmpty()) {
            h.open("p").text("Active: ");
            for (Faults.Band b : a.activeBands()) h.element("code", b.fault() + " " + b.detail()).text(" ");
            h.close("p");
        }
        if (a.nemesis().isEmpty()) {
            h.element("p", "No nemesis op in this window.", "class", "note");
        } else {
            h.open("table").headings("time (s)", "type", "f", "value").open("tbody");
            for (Faults.Event e : a.nemesis()) h.row(Html.cell("num", TimePlot.seconds(e.time())), e.type(), e.f(), Html.cell("mono", e.value()));
            h.close("tbody").close("table");
        }
        h.close("div");
        h.open("div").element("h3", "Node log lines in the same window");
        if (a.logsNote() != null) h.element("p", a.logsNote(), "class", "note");
        if (!a.logs().isEmpty()) {
            h.open("table", "class", "filterable").headings("time (s)", "node", "line").open("tbody");
            for (NodeLogs.Line line : a.logs()) {
                h.open("tr");
                h.element("td", TimePlot.seconds(line.time()), "class", "num");
                h.open("td").element("a", line.node(), "href", line.file()).close("td");
                h.element("td", line.text(), "class", "mono log");
                h.close("tr");
            }
            h.close("tbody").close("table");
        }
        h.close("div").close("div");
        h.close("section");
    }

    private static void nemesis(Html h, List<Faults.Band> bands, List<Faults.Event> events, Results r) {
        h.open("section", "id", "nemesis").element("h2", "Nemesis");
        if (r.nemesis() != null && r.nemesis().failures() != null && !r.nemesis().failures().isEmpty()) {
            h.element("p", "Nemesis actions that failed: " + String.join("; ", r.nemesis().failures()), "class", "why");
        }
        if (bands.isEmpty()) {
            h.element("p", "No fault was active in this run.", "class", "note");
        } else {
            h.open("table").headings("fault", "from (s)", "to (s)", "what").open("tbody");
            for (Faults.Band b : bands.subList(0, Math.min(bands.size(), MAX_TABLE_ROWS))) {
                h.row(b.fault(), Html.cell("num", TimePlot.seconds(b.from())), Html.cell("num", TimePlot.seconds(b.to())), Html.cell("mono", b.detail()));
            }
            h.close("tbody").close("table");
        }
        if (events.size() > MAX_TABLE_ROWS) h.element("p", events.size() + " nemesis ops in all; see history.jsonl.", "class", "note");
        h.close("section");
    }

    /** Leader changes and the like, as the databases logged them: a failover shows here, not in the nemesis's ops. */
    private static void dbEvents(Html h, List<DbEvents.Event> events) {
        if (events.isEmpty()) return;
        h.open("section", "id", "db-events").element("h2", "What the database logged");
        h.element("p", "Leader changes, demotions and rewinds found in the node logs (nodes/<node>/…), on the history's clock.",
                "class", "note");
        h.open("table").headings("at (s)", "node", "event", "log line").open("tbody");
        for (DbEvents.Event e : events.subList(0, Math.min(events.size(), MAX_TABLE_ROWS))) {
            h.row(Html.cell("num", TimePlot.seconds(e.time())), e.node(), e.what(),
                    Html.cell("mono", e.line().file() + ":" + e.line().number()));
        }
        h.close("tbody").close("table");
        if (events.size() > MAX_TABLE_ROWS) h.element("p", events.size() + " events in all; see the node logs.", "class", "note");
        h.close("section");
    }

    private static void facts(Html h, Results r) {
        h.open("section", "id", "run").element("h2", "Run");
        h.open("table").open("tbody");
        fact(h, "test", r.test());
        fact(h, "run", r.run());
        fact(h, "started", r.started());
        fact(h, "time origin", r.origin());
        fact(h, "seed", r.seed());
        fact(h, "nodes", r.nodes() == null ? null : String.join(", ", r.nodes()));
        fact(h, "concurrency", r.concurrency());
        fact(h, "workload", r.workload());
        fact(h, "client", r.client());
        fact(h, "plugins", r.plugins() == null ? null : String.join(", ", r.plugins()));
        fact(h, "faults", r.nemesis() == null ? null : String.join(", ", r.nemesis().faults()));
        if (r.phaseMs() != null) {
            StringBuilder phases = new StringBuilder();
            r.phaseMs().forEach((phase, ms) -> phases.append(phases.isEmpty() ? "" : " · ").append(phase).append(' ').append(ms).append(" ms"));
            fact(h, "phases", phases);
        }
        h.close("tbody").close("table");
        if (r.ops() != null) {
            h.element("h3", "Operations (" + r.ops().historyEvents() + " history events)");
            h.open("table").headings("f", "invoke", "ok", "fail", "info").open("tbody");
            r.ops().byF().forEach((f, types) -> h.row(f, Html.cell("num", types.getOrDefault("invoke", 0L)),
                    Html.cell("num", types.getOrDefault("ok", 0L)), Html.cell("num", types.getOrDefault("fail", 0L)),
                    Html.cell("num", types.getOrDefault("info", 0L))));
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    private static void fact(Html h, String name, Object value) {
        if (value != null) h.open("tr").element("th", name).element("td", value.toString()).close("tr");
    }

    private static void figure(Html h, Figure f) {
        h.open("figure");
        if (f.wide()) h.open("div", "class", "scroll");
        h.open("a", "href", f.file()).empty("img", "class", "plot", "src", f.file(), "alt", f.alt(), "data-interactive", "true").close("a");
        if (f.wide()) h.close("div");
        h.element("figcaption", f.caption());
        h.close("figure");
    }
}
