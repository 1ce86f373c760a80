package io.faultline.cli;

import io.faultline.run.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code report} on directories that hold no concluded run: one line naming what is missing, exit 254. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Faultline.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new String[] {Integer.toString(cli.execute(args)), out.toString(), err.toString()};
    }

    @Test
    void aDirectoryWithoutAHistoryIsNoRun() {
        String[] o = run("report", dir.toString());
        assertThat(o[0]).isEqualTo(Integer.toString(ExitCode.BAD_ARGUMENTS.code()));
        assertThat(o[2]).isEqualTo("faultline: " + dir + ": no history.jsonl here, so this is not a run directory (or the run never started)"
                + System.lineSeparator());
    }

    @Test
    void aRunThatNeverConcludedIsSentToCheck() throws Exception {
        Files.writeString(dir.resolve("history.jsonl"), "{\"index\":0,\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}\n");
        String[] o = run("report", dir.toString());
        assertThat(o[0]).isEqualTo(Integer.toString(ExitCode.BAD_ARGUMENTS.code()));
        assertThat(o[2]).contains("no results.json").contains("'faultline check " + dir + "'");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }
}
