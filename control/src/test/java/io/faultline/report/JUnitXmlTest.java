package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.cli.Faultline;
import io.faultline.config.ConfigLoader;
import io.faultline.control.RunLauncher;
import io.faultline.run.Results;
import io.faultline.run.RunOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** junit.xml as Jenkins reads it: validated against the JUnit schema, one test case per checker plus the run's own. */
class JUnitXmlTest {
    private static Schema schema;

    @TempDir
    Path store;

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitXmlTest.class.getResource("/junit.xsd"));
    }

    /** Validates against the schema, then parses for XPath. */
    private static Document valid(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(xml)));
    }

    private static String at(Document doc, String xpath) throws Exception {
        return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.STRING);
    }

    private static Results results(Map<String, CheckResult> checkers, List<String> nemesisFailures, String why) {
        return new Results(Verdict.UNKNOWN, why, null, "etcd-register", "etcd-register-20261202T101500.000", 42L, null, null,
                List.of("n1", "n2", "n3"), 6, "register", "etcd", null, new Results.Nemesis(List.of("kill"), nemesisFailures),
                null, Map.of("run", 1500L, "check", 20L), null, checkers);
    }

    @Test
    void theSchemaRefusesASuiteWithoutCounts() {
        assertThatThrownBy(() -> valid("<testsuite name=\"x\"><testcase name=\"y\"/></testsuite>"))
                .isInstanceOf(SAXException.class).hasMessageContaining("tests");
    }

    @Test
    void validRunWritesPassingCasesAndAGitHubSummary() throws Exception {
        Path summary = store.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        RunOutcome outcome = new RunLauncher(ConfigLoader.parse("""
                name: junit-valid
                nodes: 3
                time-limit: 1s
                seed: 7
                workload: {name: register, rate: 200/s}
                """, "test.yaml", List.of(), Map.of()), store)
                .withEnvironment(Map.of(StepSummary.VARIABLE, summary.toString())).run();

        Document doc = valid(Files.readString(outcome.dir().junitXml()));
        assertThat(at(doc, "/testsuite/@name")).isEqualTo("junit-valid");
        assertThat(at(doc, "/testsuite/@tests")).isEqualTo("3");
        assertThat(at(doc, "/testsuite/@failures") + at(doc, "/testsuite/@errors")).isEqualTo("00");
        assertThat(at(doc, "concat(/testsuite/testcase[1]/@name, ',', /testsuite/testcase[2]/@name, ',', /testsuite/testcase[3]/@name)"))
                .isEqualTo("run,linearizable,stats");
        assertThat(at(doc, "/testsuite/properties/property[@name='seed']/@value")).isEqualTo("7");

        assertThat(Files.readString(summary)).startsWith("earlier step\n")
                .contains("### Faultline junit-valid: **valid**")
                .contains("| linearizable | valid |")
                .containsPattern("\\| read \\| [1-9][0-9]* \\| 0 \\| 0 \\|")
                .contains("Run directory: `" + outcome.dir().path() + "`");
    }

    @Test
    void invalidCheckerIsAFailureWithTheAnomalyAndCheckRewritesIt() throws Exception {
        RunOutcome outcome = new RunLauncher(ConfigLoader.load(Path.of("../docker/examples/local-stale-reads.yaml"),
                List.of(new ConfigLoader.Override("time-limit", "8s"), new ConfigLoader.Override("seed", "5")), Map.of()), store)
                .withEnvironment(Map.of()).run();
        assertThat(outcome.verdict()).isEqualTo(Verdict.INVALID);

        Document doc = valid(Files.readString(outcome.dir().junitXml()));
        assertThat(at(doc, "/testsuite/@failures")).isEqualTo("1");
        assertThat(at(doc, "/testsuite/testcase[@name='linearizable']/failure/@type")).isEqualTo("invalid");
        assertThat(at(doc, "/testsuite/testcase[@name='linearizable']/failure/@message")).startsWith("not linearizable: ").contains("read");
        assertThat(at(doc, "/testsuite/testcase[@name='linearizable']/failure")).contains("\"counterexample\"");
        assertThat(at(doc, "count(/testsuite/testcase[@name='run']/*)")).isEqualTo("0");

        Files.delete(outcome.dir().junitXml());
        int exit = Faultline.commandLine().setOut(new PrintWriter(new StringWriter()))
                .execute("check", outcome.dir().path().toString());
        assertThat(exit).isEqualTo(1);
        Document rewritten = valid(Files.readString(outcome.dir().junitXml()));
        assertThat(at(rewritten, "/testsuite/testcase[@name='linearizable']/failure/@message")).startsWith("not linearizable: ");
    }

    @Test
    void failedNemesisIsAnErrorOfTheRunCaseThoughEveryCheckerPassed() throws Exception {
        Map<String, CheckResult> checkers = new LinkedHashMap<>();
        checkers.put("linearizable", CheckResult.of(Verdict.VALID));
        checkers.put("stats", CheckResult.of(Verdict.VALID));
        Results run = results(checkers, List.of("start-kill on n2: kill(1) failed"), RunOutcome.nemesisFailed(List.of("x")));

        Document doc = valid(JUnitXml.ofRun(run).toXml());
        assertThat(at(doc, "/testsuite/@errors")).isEqualTo("1");
        assertThat(at(doc, "/testsuite/@failures")).isEqualTo("0");
        assertThat(at(doc, "/testsuite/testcase[@name='run']/error/@message"))
                .isEqualTo("the nemesis failed: the system was not under stress; re-run (start-kill on n2: kill(1) failed)");
        assertThat(at(doc, "/testsuite/testcase[@name='run']/@time")).isEqualTo("1.520");
    }

    @Test
    void checkerThatCouldNotTellIsAnErrorSayingWhy() throws Exception {
        Map<String, CheckResult> checkers = new LinkedHashMap<>();
        checkers.put("linearizable", CheckResult.unknown("out of time after 60 s: 12 configurations searched"));
        checkers.put("stats", CheckResult.of(Verdict.VALID));

        Document doc = valid(JUnitXml.ofRun(results(checkers, List.of(), "linearizable: out of time")).toXml());
        assertThat(at(doc, "/testsuite/@errors")).isEqualTo("1");
        assertThat(at(doc, "/testsuite/testcase[@name='linearizable']/error/@type")).isEqualTo("unknown");
        assertThat(at(doc, "/testsuite/testcase[@name='linearizable']/error/@message"))
                .isEqualTo("out of time after 60 s: 12 configurations searched");
    }

    @Test
    void setupThatFailedIsAnErrorOfTheRunCaseAndNoCheckerRan() throws Exception {
        String why = "setup failed: etcd on n1 was not healthy within 30 s; last lines of etcd.log:\n\u0007bell";
        Document doc = valid(JUnitXml.ofRun(results(null, List.of(), why)).toXml());
        assertThat(at(doc, "/testsuite/@tests")).isEqualTo("1");
        assertThat(at(doc, "/testsuite/testcase[@name='run']/error/@message")).startsWith("setup failed: etcd on n1").endsWith("?bell");
    }
}
