package io.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The options a CI job passes to {@code run}. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void versionOnTheCommandLineFillsInDollarVersion() throws Exception {
        Path config = Files.writeString(dir.resolve("test.yaml"), """
                name: "sut-${version}"
                nodes: 3
                time-limit: 1s
                db: {version: 1.0.0}
                workload: {name: register, rate: 100/s}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Faultline.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute("run", config.toString(),
                "--version", "3.4.30", "--time-limit", "1s", "--nodes", "3", "--store", dir.resolve("store").toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(dir.resolve("store/sut-3.4.30")).isDirectory();
        assertThat(Files.readString(dir.resolve("store/latest/test.yaml"))).contains("version: 3.4.30").contains("sut-3.4.30");
    }
}
