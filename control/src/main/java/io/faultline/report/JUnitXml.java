package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.run.Results;
import io.faultline.run.RunOutcome;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's {@code junit.xml}, in the JUnit format Jenkins' junit step and GitHub's test reporters read: one test case per
 * checker (a failure when it found the history invalid, with the anomaly; an error when it could not tell, with why) and
 * one, {@value #RUN_CASE}, for the run itself (setup, the nemesis), so a run whose faults were not injected shows as an
 * error even though every checker passed.
 */
public final class JUnitXml {
    public static final String RUN_CASE = "run";
    private static final int SHOWN_CHARS = 4_000;

    private final String suite;
    private final Map<String, CheckResult> checkers;
    private final String runProblem;
    private final long runMillis;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /**
     * @param checkers   each checker's result by name; empty when the run never got to checking
     * @param runProblem why the run itself cannot be trusted (setup failed, the nemesis failed), or null
     */
    public JUnitXml(String suite, Map<String, CheckResult> checkers, String runProblem, long runMillis) {
        this.suite = suite;
        this.checkers = checkers == null ? Map.of() : checkers;
        this.runProblem = runProblem;
        this.runMillis = runMillis;
    }

    /** The report of a run as its {@code results.json} tells it. */
    public static JUnitXml ofRun(Results run) {
        JUnitXml xml = new JUnitXml(run.test(), run.checkers(), runProblem(run),
                run.phaseMs() == null ? 0 : run.phaseMs().values().stream().mapToLong(Long::longValue).sum());
        xml.property("run", run.run()).property("verdict", run.valid().word()).property("why", run.why());
        if (run.seed() != null) xml.property("seed", run.seed().toString());
        return xml;
    }

    /**
     * What made the run itself untrustworthy: it never got to checking (setup failed, a config problem, operations
     * lost), or nemesis actions failed; null when neither.
     */
    public static String runProblem(Results run) {
        if (run.checkers() == null) return run.why();
        if (run.nemesis() != null && run.nemesis().failures() != null && !run.nemesis().failures().isEmpty()) {
            return RunOutcome.nemesisFailed(run.nemesis().failures());
        }
        return null;
    }

    public JUnitXml property(String name, String value) {
        if (value != null) properties.put(name, value);
        return this;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toXml(), StandardCharsets.UTF_8);
    }

    public String toXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", Integer.toString(checkers.size() + 1));
            xml.writeAttribute("failures", Long.toString(count(Verdict.INVALID)));
            xml.writeAttribute("errors", Long.toString(count(Verdict.UNKNOWN) + (runProblem == null ? 0 : 1)));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(runMillis));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", p.getKey());
                xml.writeAttribute("value", clean(p.getValue()));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            testCase(xml, RUN_CASE, runMillis, runProblem == null ? null : "error", runProblem, null);
            for (Map.Entry<String, CheckResult> checker : checkers.entrySet()) {
                CheckResult result = checker.getValue();
                String outcome = switch (result.valid()) {
                    case VALID -> null;
                    case INVALID -> "failure";
                    case UNKNOWN -> "error";
                };
                testCase(xml, checker.getKey(), 0, outcome, Results.why(result),
                        result.valid() == Verdict.VALID ? null : Results.toJson(result));
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return text.toString();
    }

    private void testCase(XMLStreamWriter xml, String name, long millis, String outcome, String message, String detail)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        if (outcome == null) xml.writeEmptyElement("testcase");
        else xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "faultline." + suite);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", seconds(millis));
        if (outcome == null) return;
        xml.writeCharacters("\n    ");
        xml.writeStartElement(outcome);
        xml.writeAttribute("type", outcome.equals("failure") ? "invalid" : "unknown");
        xml.writeAttribute("message", clean(message));
        xml.writeCharacters(clean(abbreviate(detail != null ? detail : message)));
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private long count(Verdict verdict) {
        return checkers.values().stream().filter(r -> r.valid() == verdict).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String abbreviate(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
    }

    /** XML 1.0 has no way to write most control characters, even escaped; a history's values may hold them. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE
                && c != 0xFFFF ? c : '?'));
        return out.toString();
    }
}
