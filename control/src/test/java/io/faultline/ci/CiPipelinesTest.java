package io.faultline.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.config.ConfigLoader;
import io.faultline.run.ExitCode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/ci's Jenkinsfile and GitHub Actions workflow parse (Groovy, YAML) and do the same thing: the same parameters,
 * the same steps in the same order, the same faultline command line, and the exit code mapped as DESIGN.md says.
 */
class CiPipelinesTest {
    private static final Path CI = Path.of("../docker/ci");
    private static final String BUILD_PLUGINS = "docker/ci/build-plugins.sh";
    private static final List<String> PARAMETERS = List.of("VERSION", "TIME_LIMIT", "NODES", "FORCE_RUN");

    private static final List<MethodCallExpression> jenkinsCalls = new ArrayList<>();
    private static final List<MapExpression> jenkinsMaps = new ArrayList<>();
    private static final List<String> jenkinsProperties = new ArrayList<>();
    /** Assignments to names: the environment block's variables (and the RESULTS binding). */
    private static final Map<String, String> jenkinsAssignments = new LinkedHashMap<>();
    private static JsonNode workflow;

    @BeforeAll
    static void parse() throws IOException {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource("Jenkinsfile", Files.readString(CI.resolve("Jenkinsfile")));
        // Conversion is as far as a pipeline goes without Jenkins' steps on the class path: syntax, then the tree.
        unit.compile(Phases.CONVERSION);
        source.getAST().getStatementBlock().visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                jenkinsCalls.add(call);
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitPropertyExpression(PropertyExpression property) {
                jenkinsProperties.add(property.getText());
                super.visitPropertyExpression(property);
            }

            @Override
            public void visitBinaryExpression(BinaryExpression binary) {
                if (binary.getOperation().getText().equals("=") && binary.getLeftExpression() instanceof VariableExpression variable
                        && binary.getRightExpression() instanceof ConstantExpression value) {
                    jenkinsAssignments.put(variable.getName(), String.valueOf(value.getValue()));
                }
                super.visitBinaryExpression(binary);
            }

            @Override
            public void visitMapExpression(MapExpression map) {
                jenkinsMaps.add(map);
                super.visitMapExpression(map);
            }
        });
        workflow = new ObjectMapper(new YAMLFactory()).readTree(CI.resolve("github-actions.yml").toFile());
    }

    private static List<MethodCallExpression> calls(String name) {
        return jenkinsCalls.stream().filter(c -> c.getMethodAsString().equals(name)).toList();
    }

    private static List<Expression> positional(MethodCallExpression call) {
        return call.getArguments() instanceof ArgumentListExpression args ? args.getExpressions() : List.of();
    }

    private static Map<String, Expression> named(MethodCallExpression call) {
        Map<String, Expression> named = new LinkedHashMap<>();
        if (call.getArguments() instanceof TupleExpression tuple) {
            for (Expression e : tuple.getExpressions()) {
                if (e instanceof NamedArgumentListExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) named.put(entry.getKeyExpression().getText(), entry.getValueExpression());
                }
            }
        }
        return named;
    }

    private static List<String> jenkinsStages() {
        // The outer stage only gates on the branch; the steps are the stages inside it.
        return calls("stage").stream().map(c -> positional(c).get(0).getText()).filter(name -> !name.equals("Faultline")).toList();
    }

    private static List<JsonNode> steps() {
        return StreamSupport.stream(workflow.path("jobs").path("faultline").path("steps").spliterator(), false).toList();
    }

    private static JsonNode step(String name) {
        return steps().stream().filter(s -> s.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static String faultlineLine(String script) {
        return script.lines().map(String::strip).filter(l -> l.contains("faultline.jar run")).findFirst().orElseThrow();
    }

    @Test
    void bothNameTheSameStepsInTheSameOrder() {
        List<String> githubSteps = steps().stream().map(s -> s.path("name").asText()).toList();
        assertThat(jenkinsStages()).containsExactly("Checkout", "Prepare machine", "Build", "Build plugins", "Run", "Publish results",
                "Archive run", "Verdict");
        assertThat(githubSteps).isEqualTo(jenkinsStages());
    }

    @Test
    void bothTakeTheSameParametersAndOfferThreeOrFiveNodes() {
        List<String> jenkins = jenkinsCalls.stream().filter(c -> List.of("string", "choice", "booleanParam").contains(c.getMethodAsString()))
                .map(c -> named(c).get("name").getText()).toList();
        assertThat(jenkins).isEqualTo(PARAMETERS);
        JsonNode inputs = workflow.path("on").path("workflow_dispatch").path("inputs");
        assertThat(inputs.properties().stream().map(Map.Entry::getKey).toList()).isEqualTo(PARAMETERS);

        ListExpression choices = (ListExpression) named(calls("choice").get(0)).get("choices");
        assertThat(choices.getExpressions().stream().map(Expression::getText).toList()).containsExactlyInAnyOrder("3", "5");
        assertThat(inputs.path("NODES").path("options")).extracting(JsonNode::asText).containsExactlyInAnyOrder("3", "5");
        assertThat(inputs.path("FORCE_RUN").path("type").asText()).isEqualTo("boolean");
    }

    @Test
    void bothRunOnlyOnMainUnlessForced() {
        assertThat(calls("branch")).singleElement().satisfies(c -> assertThat(positional(c).get(0).getText()).isEqualTo("main"));
        assertThat(calls("anyOf")).hasSize(1);
        assertThat(jenkinsProperties).contains("params.FORCE_RUN");
        assertThat(workflow.path("jobs").path("faultline").path("if").asText())
                .isEqualTo("github.ref == 'refs/heads/main' || inputs.FORCE_RUN");
    }

    @Test
    void bothRunTheSameCommandLineWithTheParameters() {
        MethodCallExpression run = calls("sh").stream().filter(c -> named(c).containsKey("returnStatus")).findFirst().orElseThrow();
        String jenkins = faultlineLine(((ConstantExpression) named(run).get("script")).getValue().toString());
        assertThat(faultlineLine(step("Run").path("run").asText())).isEqualTo(jenkins);
        assertThat(jenkins).contains("--time-limit \"$TIME_LIMIT\"", "--nodes \"$NODES\"", "${VERSION:+--version \"$VERSION\"}");
    }

    @Test
    void bothPublishJunitXmlAndArchiveTheRunDirectory() {
        assertThat(named(calls("junit").get(0)).get("testResults").getText()).contains("FAULTLINE_RUN_DIR").endsWith("/junit.xml");
        assertThat(named(calls("archiveArtifacts").get(0)).get("artifacts").getText()).contains("FAULTLINE_RUN_DIR");
        assertThat(step("Publish results").path("with").path("report_paths").asText()).isEqualTo("${{ steps.run.outputs.run-dir }}/junit.xml");
        assertThat(step("Archive run").path("with").path("path").asText()).isEqualTo("${{ steps.run.outputs.run-dir }}");
    }

    @Test
    void jenkinsMarksTheBuildAsDesignSays() {
        MapExpression results = jenkinsMaps.stream().filter(m -> m.getText().contains("SUCCESS")).findFirst().orElseThrow();
        Map<Integer, String> byCode = new LinkedHashMap<>();
        results.getMapEntryExpressions().forEach(e -> byCode.put((Integer) ((ConstantExpression) e.getKeyExpression()).getValue(),
                e.getValueExpression().getText()));
        assertThat(byCode).isEqualTo(Map.of(ExitCode.VALID.code(), "SUCCESS", ExitCode.INVALID.code(), "UNSTABLE"));
        assertThat(calls("error")).as("any other code fails the build").hasSize(1);
    }

    @Test
    void bothSetTheSameConfigAndPluginProjects() {
        JsonNode env = workflow.path("jobs").path("faultline").path("env");
        for (String variable : List.of("FAULTLINE_CONFIG", "PLUGIN_PROJECTS")) {
            assertThat(jenkinsAssignments).as(variable).containsKey(variable);
            assertThat(env.path(variable).isTextual()).as(variable).isTrue();
            assertThat(env.path(variable).asText()).as(variable).isEqualTo(jenkinsAssignments.get(variable));
        }
        assertThat(jenkinsAssignments).as("no credentials unless the job names them").containsEntry("PLUGIN_CREDENTIALS", "");
    }

    @Test
    void bothBuildThePluginsWithTheSameScriptAndTheRepositorysCredentials() {
        List<String> jenkins = calls("sh").stream().map(CiPipelinesTest::positional).filter(args -> !args.isEmpty())
                .map(args -> args.get(0).getText()).filter(script -> script.contains(BUILD_PLUGINS)).toList();
        assertThat(jenkins).as("with and without credentials").containsExactly(BUILD_PLUGINS, BUILD_PLUGINS);
        MethodCallExpression credentials = calls("usernamePassword").stream().findFirst().orElseThrow();
        assertThat(named(credentials).get("credentialsId").getText()).contains("PLUGIN_CREDENTIALS");
        assertThat(named(credentials).get("usernameVariable").getText()).isEqualTo("REPO_USER");
        assertThat(named(credentials).get("passwordVariable").getText()).isEqualTo("REPO_PASSWORD");
        assertThat(jenkinsProperties).as("bound only when named").contains("env.PLUGIN_CREDENTIALS");

        JsonNode github = step("Build plugins");
        assertThat(github.path("run").asText().strip()).isEqualTo(BUILD_PLUGINS);
        assertThat(github.path("env").path("REPO_USER").asText()).isEqualTo("${{ secrets.REPO_USER }}");
        assertThat(github.path("env").path("REPO_PASSWORD").asText()).isEqualTo("${{ secrets.REPO_PASSWORD }}");
    }

    /** The comments' pair: the project PLUGIN_PROJECTS would name builds the jar the config loads. */
    @Test
    void theExamplePluginProjectBuildsTheJarItsConfigLoads() throws Exception {
        Path project = Path.of("../docker/examples/plugins/postgres").toAbsolutePath().normalize();
        assertThat(Files.readString(CI.resolve("Jenkinsfile"))).contains("'docker/examples/plugins/postgres' for FAULTLINE_CONFIG"
                + " 'docker/examples/postgres-async.yaml'");
        List<Path> plugins = ConfigLoader.load(Path.of("../docker/examples/postgres-async.yaml"), List.of(), Map.of()).config().plugins();
        String artifact = Files.readString(project.resolve("pom.xml")).replaceAll("(?s).*?<artifactId>([^<]+)</artifactId>.*", "$1");
        assertThat(plugins).containsExactly(project.resolve("target").resolve(artifact + ".jar"));
    }

    @ParameterizedTest(name = "{0}: mvn {2}")
    @CsvSource(delimiter = '|', value = {
            "no plugin                           | ''                     | ''                  | ''                                    | 0",
            "a plugin, Maven's defaults          | plugin                 | ''                  | -B -q -f plugin package               | 0",
            "a settings file                     | plugin                 | ci/settings.xml     | -B -q -s ci/settings.xml -f plugin package | 0",
            "two plugins and extra arguments     | plugin other           | ''                  | -B -q -o -f plugin package;-B -q -o -f other package | 0",
            "credentials without settings        | plugin                 | credentials         | ''                                    | 1",
            "a folder that is not a Maven project | plugin missing        | ''                  | -B -q -f plugin package               | 1"})
    void theBuildPluginsScriptPassesSettingsOnlyWhenThereAreAny(String what, String projects, String given, String expected, int exit,
                                                                @TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("mvn-calls");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
        assertThat(bin.resolve("mvn").toFile().setExecutable(true)).isTrue();
        for (String project : List.of("plugin", "other")) Files.createDirectories(dir.resolve(project));
        for (String project : List.of("plugin", "other")) Files.writeString(dir.resolve(project).resolve("pom.xml"), "<project/>");
        ProcessBuilder bash = new ProcessBuilder("bash", CI.resolve("build-plugins.sh").toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = bash.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("PLUGIN_PROJECTS", projects);
        env.remove("MAVEN_SETTINGS");
        env.remove("REPO_USER");
        env.remove("REPO_PASSWORD");
        if (given.equals("ci/settings.xml")) Files.writeString(Files.createDirectories(dir.resolve("ci")).resolve("settings.xml"), "<settings/>");
        if (given.equals("credentials")) env.put("REPO_USER", "builder");
        if (what.contains("extra arguments")) env.put("PLUGIN_MAVEN_ARGS", "-o");
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isEqualTo(exit);
        List<String> mvn = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        assertThat(mvn).as(out).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(";")));
        if (exit != 0) assertThat(out).contains(given.equals("credentials") ? "ci/settings.xml does not exist" : "missing has no pom.xml");
    }

    @ParameterizedTest(name = "GitHub's Verdict step ends exit {0} with {1}")
    @CsvSource({"0, 0, valid", "1, 1, invalid", "2, 2, unknown", "254, 254, could not start", "'', 255, exited nothing"})
    void githubVerdictStepEndsTheJobByTheExitCode(String exit, int ends, String says) throws Exception {
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-c", step("Verdict").path("run").asText()).redirectErrorStream(true);
        bash.environment().put("FAULTLINE_EXIT", exit);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(ends);
        assertThat(out).contains(says);
    }
}
