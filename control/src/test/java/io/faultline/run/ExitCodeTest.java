package io.faultline.run;

import io.faultline.checker.Verdict;
import io.faultline.cli.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit code CI reads for each way a run can end, through the command line as a CI job calls it. */
class ExitCodeTest {
    @TempDir
    Path dir;

    private record Exit(int code, String out, String err) {
    }

    private Exit faultline(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Exit(code, out.toString(), err.toString());
    }

    private Exit run(String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("test.yaml"), yaml);
        return faultline(Faultline.commandLine(), "run", config.toString(), "--store", dir.resolve("store").toString());
    }

    @Test
    void verdictsMapToJepsensExitCodes() {
        assertThat(List.of(Verdict.VALID, Verdict.INVALID, Verdict.UNKNOWN)).extracting(v -> ExitCode.of(v).code())
                .containsExactly(0, 1, 2);
        assertThat(RunOutcome.badConfig("x", null).exitCode()).isEqualTo(254);
        assertThat(ExitCode.INTERNAL_ERROR.code()).isEqualTo(255);
    }

    @Test
    void validRunExitsZero() throws Exception {
        Exit exit = run("""
                name: exit-valid
                nodes: 3
                time-limit: 1s
                workload: {name: register, rate: 200/s}
                """);
        assertThat(exit.code()).as(exit.out() + exit.err()).isZero();
        assertThat(exit.out()).containsPattern("(?m)^valid: ");
    }

    @Test
    void invalidRunExitsOne() {
        Exit exit = faultline(Faultline.commandLine(), "run", "../docker/examples/local-stale-reads.yaml", "--time-limit", "8s",
                "--seed", "5", "--store", dir.resolve("store").toString());
        assertThat(exit.code()).as(exit.out() + exit.err()).isEqualTo(1);
        assertThat(exit.out()).containsPattern("(?m)^invalid: linearizable: not linearizable");
    }

    @Test
    void runWhoseCheckerGivesUpExitsTwo() throws Exception {
        Exit exit = run("""
                name: exit-unknown
                nodes: 3
                time-limit: 1s
                workload: {name: register, rate: 200/s}
                checker: {set: {}}
                """);
        assertThat(exit.code()).as(exit.out() + exit.err()).isEqualTo(2);
        assertThat(exit.out()).containsPattern("(?m)^unknown: ");
    }

    @Test
    void badConfigExitsWith254AndNamesTheField() throws Exception {
        Exit exit = run("""
                name: exit-bad-config
                nodes: 3
                time-limit: soon
                workload: {name: register}
                """);
        assertThat(exit.code()).isEqualTo(254);
        assertThat(exit.err()).contains("time-limit").doesNotContain("\tat ");
    }

    @CommandLine.Command(name = "explode")
    static final class Explode implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void internalErrorExitsWith255() {
        CommandLine cli = Faultline.commandLine().addSubcommand("explode", new Explode());
        Exit exit = faultline(cli, "explode");
        assertThat(exit.code()).isEqualTo(255);
        assertThat(exit.err()).startsWith("faultline: internal error: java.lang.IllegalStateException: a bug");
    }
}
