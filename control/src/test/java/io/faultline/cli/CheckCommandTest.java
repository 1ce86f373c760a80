package io.faultline.cli;

import io.faultline.run.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} and {@code bench check} as a user runs them: exit codes, the lines printed, refusals. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void refusesASecondInvocationWhileOneIsPendingInsteadOfJudgingIt() throws IOException {
        Path file = file("two-pending.jsonl", """
                {"type":"invoke","process":0,"f":"write","value":1}
                {"type":"invoke","process":0,"f":"read","value":null}
                {"type":"ok","process":0,"f":"read","value":2}
                """);
        Outcome o = run("check", "--model", "register", file.toString());
        assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
        assertThat(o.err()).isEqualTo(file + ":2: process 0 invokes read while its write invoked on line 1 is pending;"
                + " a process has one operation at a time, so that one must complete (ok, fail or info) first" + System.lineSeparator());
        assertThat(o.out()).doesNotContain(" valid ").contains("1 refused");
    }

    @Test
    void refusesAnEmptyHistoryWhetherTheFormatIsGivenOrDetected() throws IOException {
        Path file = file("empty.jsonl", "\n   \n");
        for (String[] args : new String[][] {{"check", "--format", "jsonl", file.toString()}, {"check", file.toString()}}) {
            Outcome o = run(args);
            assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
            assertThat(o.err()).startsWith(file + ":").contains("empty history");
        }
    }

    @Test
    void refusesACompletionWithoutAnInvocationInsteadOfAnsweringUnknown() throws IOException {
        Path file = file("orphan.edn", "{:process 0 :type :invoke :f :read}\n{:process 0 :type :ok :f :read :value nil}\n"
                + "{:process 1 :type :ok :f :write :value 3}\n");
        Outcome o = run("check", "--model", "register", file.toString());
        assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
        assertThat(o.err()).startsWith(file + ":3: process 1 completes write (ok) with no invocation pending");
    }

    @Test
    void namesTheLineOfJsonCutShort() throws IOException {
        Path file = file("cut.jsonl", "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n{\"type\":\"ok\",\"proc\n"
                + "{\"type\":\"invoke\",\"process\":1,\"f\":\"read\"}\n");
        Outcome o = run("check", "--format", "jsonl", file.toString());
        assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
        assertThat(o.err()).isEqualTo(file + ":2: the line ends inside a string of this op (a truncated line?)" + System.lineSeparator());
    }

    @Test
    void checksTheOtherFilesAndStillExitsWithTheRefusal() throws IOException {
        Path good = file("a-good.jsonl", """
                {"type":"invoke","process":0,"f":"write","value":1}
                {"type":"ok","process":0,"f":"write","value":1}
                {"type":"invoke","process":"nemesis","f":"start"}
                {"type":"invoke","process":"nemesis","f":"start"}
                {"type":"invoke","process":1,"f":"read","value":null}
                {"type":"ok","process":1,"f":"read","value":1}
                """);
        Path bad = file("b-bad.jsonl", """
                {"type":"invoke","process":0,"f":"write","value":1}
                {"type":"ok","process":0,"f":"read","value":1}
                """);
        Outcome o = run("check", "--model", "register", dir.toString());
        assertThat(o.out()).contains(good + " valid ").contains("2 histories: 1 valid, 0 invalid, 0 unknown, 1 refused");
        assertThat(o.err()).startsWith(bad + ":2: process 0 completes read (ok) but its pending invocation on line 1 is write");
        assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
    }

    @Test
    void benchCheckPrintsReadAndCheckTimesVerdictOpsPerSecondAndPeakHeapPerFile() throws IOException {
        Path good = file("good.jsonl", """
                {"time":10,"type":"invoke","process":0,"f":"write","value":1}
                {"time":20,"type":"ok","process":0,"f":"write","value":1}
                {"time":30,"type":"invoke","process":1,"f":"read","value":null}
                {"time":40,"type":"ok","process":1,"f":"read","value":2}
                """);
        Outcome o = run("bench", "check", "--model", "register", "--repeat", "3", "--warmup", "1", good.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern(good + " invalid read [0-9.]+ ms \\(4 ops, [0-9]+ ops/s\\) check [0-9.]+ ms"
                + " \\(first [0-9.]+ ms\\) peak heap [0-9]+ MiB");
        assertThat(o.out()).contains("1 histories: 0 valid, 1 invalid, 0 unknown").containsPattern("total: [0-9.]+ ms");
    }

    @Test
    void benchCheckRefusesAMalformedHistoryWithItsLine() throws IOException {
        Path file = file("orphan.jsonl", "{\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1}\n");
        Outcome o = run("bench", "check", "--repeat", "1", "--warmup", "0", file.toString());
        assertThat(o.exit()).isEqualTo(ExitCode.BAD_ARGUMENTS.code());
        assertThat(o.err()).contains(file + ":1: process 0 completes read (ok) with no invocation pending");
    }
}
