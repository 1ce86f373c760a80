package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.CompositeChecker;
import io.faultline.checker.StatsChecker;
import io.faultline.checker.Verdict;
import io.faultline.checker.linearizable.LinearizabilityChecker;
import io.faultline.checker.model.Models;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.run.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunReportTest {
    private static final Instant ORIGIN = Instant.parse("2026-12-02T10:00:00Z");
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** Builds histories op by op, each with a time in milliseconds. */
    private static final class Ops {
        final List<Op> ops = new ArrayList<>();

        Ops op(long ms, OpType type, int process, String f, Object value) {
            ops.add(new Op(ops.size(), ms * MS, type, process, f, value, null, process == Op.NEMESIS ? null : "n" + (process % 2 + 1),
                    null, null));
            return this;
        }

        Ops call(long fromMs, long toMs, int process, String f, Object invoked, Object completed) {
            op(fromMs, OpType.INVOKE, process, f, invoked);
            return op(toMs, OpType.OK, process, f, completed);
        }

        Ops partition(long fromMs, long toMs) {
            Map<String, Object> value = Map.of("grudge", "one", "drop", Map.of("n1", List.of("n2")));
            op(fromMs, OpType.INVOKE, Op.NEMESIS, "start-partition", value).op(fromMs + 1, OpType.OK, Op.NEMESIS, "start-partition", value);
            return op(toMs, OpType.INVOKE, Op.NEMESIS, "stop-partition", null).op(toMs + 1, OpType.OK, Op.NEMESIS, "stop-partition", null);
        }

        History history() {
            return History.of(ops).inTimeOrder();
        }
    }

    private static Checker checker() {
        return new CompositeChecker(List.of(new LinearizabilityChecker(Models.byName("register"), Duration.ofSeconds(10)),
                new StatsChecker()));
    }

    /** Writes the run's files as a run would, and its report of the history as read back from history.jsonl. */
    private Path report(History written) throws Exception {
        written.writeJsonl(dir.resolve("history.jsonl"));
        History history = History.read(dir.resolve("history.jsonl"), HistoryFormat.JSONL).inTimeOrder();
        CheckResult result = checker().check(history);
        Results results = new Results(result.valid(), Results.why(result), null, "test", "test-1", 7L, ORIGIN.toString(),
                ORIGIN.toString(), List.of("n1", "n2"), 2, "register", "sim", null, new Results.Nemesis(List.of("partition"), List.of()),
                Results.Ops.of(history), Map.of("run", 1L), null, Results.byChecker(result));
        results.write(dir.resolve("results.json"));
        return RunReport.write(dir, history, results);
    }

    private static History staleRead() {
        return new Ops()
                .call(10, 20, 0, "write", 1L, 1L)
                .partition(25, 200)
                .call(30, 40, 0, "write", 2L, 2L)
                .call(50, 60, 1, "read", null, 1L)
                .call(70, 80, 0, "read", null, 2L)
                .history();
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(file.toFile());
    }

    private static List<Element> withClass(Document doc, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) found.add(e);
        }
        return found;
    }

    private static List<Element> elements(Document doc, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) found.add((Element) all.item(i));
        return found;
    }

    /** The policy the report keeps so Jenkins' CSP shows it whole: no inline style, no inline script, no handlers. */
    private static void assertNeedsNoInlineStyleOrScript(Document doc) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.hasAttribute("style")).as("style attribute on <%s>", e.getTagName()).isFalse();
            for (int a = 0; a < e.getAttributes().getLength(); a++) {
                assertThat(e.getAttributes().item(a).getNodeName()).as("event handler on <%s>", e.getTagName()).doesNotStartWith("on");
            }
        }
        assertThat(elements(doc, "style")).isEmpty();
        for (Element script : elements(doc, "script")) {
            assertThat(script.getAttribute("src")).as("a script that is not a file").isNotEmpty();
            assertThat(script.getTextContent()).isBlank();
        }
    }

    @Test
    void validRunShowsVerdictAndEveryPlotAsAnImageFileWithNemesisBands() throws Exception {
        Ops ops = new Ops().partition(100, 300);
        for (int i = 0; i < 40; i++) ops.call(10 + 10L * i, 15 + 10L * i, i % 3, i % 2 == 0 ? "write" : "read", (long) i, i % 2 == 0 ? (long) i : (long) (i - 1));
        Path html = report(ops.history());

        Document page = xml(html);
        assertThat(withClass(page, "word-valid")).isNotEmpty();
        List<String> images = elements(page, "img").stream().map(e -> e.getAttribute("src")).toList();
        assertThat(images).containsExactlyInAnyOrder(RunReport.LATENCY_RAW, RunReport.LATENCY_QUANTILES, RunReport.RATE, RunReport.TIMELINE);
        assertThat(elements(page, "link").get(0).getAttribute("href")).isEqualTo(RunReport.CSS);
        assertThat(dir.resolve(RunReport.CSS)).isRegularFile();
        assertThat(dir.resolve(RunReport.JS)).isRegularFile();
        assertNeedsNoInlineStyleOrScript(page);
        for (String image : images) {
            Document svg = xml(dir.resolve(image));
            assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertNeedsNoInlineStyleOrScript(svg);
            assertThat(elements(svg, "script")).isEmpty();
            List<Element> bands = withClass(svg, "nemesis-band");
            assertThat(bands).as(image).hasSize(1);
            assertThat(bands.get(0).getAttribute("data-fault")).isEqualTo("partition");
        }
        assertThat(withClass(xml(dir.resolve(RunReport.TIMELINE)), "op")).hasSize(40);
        assertThat(dir.resolve("counterexample.svg")).doesNotExist();
        assertThat(elements(page, "a").stream().map(e -> e.getAttribute("href")))
                .contains("history.jsonl", "history.edn", "results.json");
    }

    @Test
    void failoversTheDatabaseLoggedAreListedOnTheHistorysClock() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("nodes/n1")).resolve("patroni.log"), String.join("\n",
                "2026-12-02 10:00:01,000 INFO: no action. I am (n1), the leader with the lock",
                "2026-12-02 10:00:02,000 INFO: demoting self because DCS is not accessible and I was a leader",
                "2026-12-02 10:00:02,100 INFO: Demoting self (offline)",
                "2026-12-02 10:00:09,000 INFO: running pg_rewind from n2") + "\n");
        Files.writeString(Files.createDirectories(dir.resolve("nodes/n2")).resolve("patroni.log"),
                "2026-12-02 10:00:05,500 INFO: promoted self to leader by acquiring session lock\n");
        Ops ops = new Ops();
        for (int i = 0; i < 10; i++) ops.call(10 + 10L * i, 15 + 10L * i, 0, "write", (long) i, (long) i);
        String page = Files.readString(report(ops.history()));

        assertThat(page).contains("id=\"db-events\"");
        int demoted = page.indexOf("demoted itself");
        int promoted = page.indexOf("promoted to primary");
        int rewound = page.indexOf("rewound from n2");
        assertThat(demoted).as("in time order").isPositive().isLessThan(promoted);
        assertThat(promoted).isLessThan(rewound);
        assertThat(page.indexOf("demoted itself", demoted + 1)).as("a demotion logged twice is one event").isNegative();
        assertThat(page).contains("nodes/n2/patroni.log:1");
    }

    @Test
    void invalidRunDrawsTheCounterexampleWithHighlightedOpStateNemesisAndNodeLogLines() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("nodes/n2"));
        Files.writeString(logs.resolve("etcd.log"), String.join("\n",
                "{\"level\":\"info\",\"ts\":\"2026-12-02T09:59:55.005Z\",\"msg\":\"long before the window\"}",
                "{\"level\":\"warn\",\"ts\":\"2026-12-02T10:00:00.055Z\",\"msg\":\"lost leader, serving a stale read\"}",
                "{\"level\":\"info\",\"ts\":\"2026-12-02T10:00:09.000Z\",\"msg\":\"long after the window\"}") + "\n");
        Path html = report(staleRead());

        Document svg = xml(dir.resolve("counterexample.svg"));
        assertNeedsNoInlineStyleOrScript(svg);
        List<Element> stuck = withClass(svg, "cannot-linearize");
        assertThat(stuck).hasSize(1);
        long staleReadIndex = staleRead().ops().stream().filter(op -> op.f().equals("read") && op.type() == OpType.OK
                && Long.valueOf(1).equals(op.value())).findFirst().orElseThrow().index() - 1;
        assertThat(stuck.get(0).getAttribute("data-index")).isEqualTo(Long.toString(staleReadIndex));
        assertThat(svg.getDocumentElement().getTextContent()).contains("state before: 2");
        assertThat(withClass(svg, "linearized")).isNotEmpty();
        assertThat(withClass(svg, "nemesis-band")).extracting(e -> e.getAttribute("data-fault")).containsOnly("partition");
        assertThat(withClass(svg, "log-line")).hasSize(1);
        assertThat(withClass(svg, "log-line").get(0).getTextContent()).contains("serving a stale read");

        String page = Files.readString(html);
        assertNeedsNoInlineStyleOrScript(xml(html));
        assertThat(page).contains("word-invalid").contains("src=\"counterexample.svg\"").contains("serving a stale read")
                .doesNotContain("long before the window").doesNotContain("long after the window").contains("start-partition");
        Document timeline = xml(dir.resolve(RunReport.TIMELINE));
        assertThat(withClass(timeline, "anomaly")).hasSize(1);
    }

    @Test
    void longRunsGiveBoundedPlotsThatAreTheSameEveryTime() throws Exception {
        Ops ops = new Ops().partition(2_000, 4_000);
        for (int i = 0; i < 20_000; i++) {
            long start = i / 4;
            ops.call(start, start + 1 + (i * 7919L) % 5, i % 4, i % 2 == 0 ? "write" : "read", 1L, 1L);
        }
        History history = ops.history();
        report(history);
        String first = Files.readString(dir.resolve(RunReport.LATENCY_RAW));
        Document raw = xml(dir.resolve(RunReport.LATENCY_RAW));
        int points = 0;
        for (Element group : withClass(raw, "points")) {
            for (int i = 0; i < group.getChildNodes().getLength(); i++) if (group.getChildNodes().item(i) instanceof Element) points++;
        }
        assertThat(points).isGreaterThan(100).isLessThanOrEqualTo(2 * PerfPlots.BUCKETS * 2);
        assertThat(withClass(xml(dir.resolve(RunReport.TIMELINE)), "op")).hasSize(TimelinePlot.MAX_OPS);
        assertThat(Files.size(dir.resolve(RunReport.LATENCY_RAW))).isLessThan(400_000);

        report(history);
        assertThat(Files.readString(dir.resolve(RunReport.LATENCY_RAW))).isEqualTo(first);
    }

    @Test
    void historyEdnReadsBackToTheSameVerdict() throws Exception {
        History history = staleRead();
        report(history);
        History back = History.read(dir.resolve(RunReport.EDN), null).inTimeOrder();
        assertThat(History.detect(dir.resolve(RunReport.EDN))).isEqualTo(HistoryFormat.EDN);
        List<Op> renumbered = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) renumbered.add(history.get(i).withIndex(i));
        assertThat(back.ops()).isEqualTo(renumbered);
        assertThat(checker().check(back).valid()).isEqualTo(Verdict.INVALID).isEqualTo(checker().check(history).valid());
    }

    @Test
    void aCheckOfTheRunDirectoryIsShownWithTheRunsFactsAndPlacesItsLogs() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("nodes/n2"));
        Files.writeString(logs.resolve("etcd.log"), "2026-12-02T10:00:00.055Z n2 serving a stale read\n");
        History history = staleRead();
        report(history);
        Files.delete(dir.resolve(RunReport.HTML));

        Results check = Results.ofCheck(dir.resolve("history.jsonl").toString(), history, checker().check(history), 3);
        assertThat(check.origin()).isNull();
        String page = Files.readString(RunReport.write(dir, history, check));
        assertThat(page).contains("test-1").contains("seed 7").contains("checked from").contains("n2 serving a stale read");
    }

    @Test
    void rebuildingNamesWhatTheRunDirectoryLacks() throws Exception {
        assertThatThrownBy(() -> RunReport.rebuild(dir.resolve("nope"))).isInstanceOf(ReportException.class)
                .hasMessageContaining("no such run directory");
        assertThatThrownBy(() -> RunReport.rebuild(dir)).hasMessageContaining("no history.jsonl");
        staleRead().writeJsonl(dir.resolve("history.jsonl"));
        assertThatThrownBy(() -> RunReport.rebuild(dir)).hasMessageContaining("no results.json").hasMessageContaining("faultline check");
        Files.writeString(dir.resolve("results.json"), "{\"valid\": tru");
        assertThatThrownBy(() -> RunReport.rebuild(dir)).hasMessageContaining("results.json: cannot be read");
    }

    @Test
    void rebuildFromStoredFilesDrawsWhatTheRunDrew() throws Exception {
        report(staleRead());
        String drawn = Files.readString(dir.resolve("counterexample.svg"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".svg") || f.toString().endsWith(".html")).toList()) Files.delete(f);
        }
        RunReport.rebuild(dir);
        assertThat(Files.readString(dir.resolve("counterexample.svg"))).isEqualTo(drawn);
        assertThat(dir.resolve(RunReport.HTML)).isRegularFile();
    }
}
