package io.faultline.agent.plugin;

import io.faultline.spi.ClientFactory;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The example plugin builds as the separate Maven project it is, and the agent finds its client. */
class ExamplePluginTest {
    private static final Path PROJECT = Path.of("..", "docker", "examples", "plugins", "postgres").toAbsolutePath().normalize();

    @Test
    void thePostgresExamplePluginBuildsWithMavenAndItsClientLoads() throws Exception {
        Path log = Files.createTempFile("postgres-plugin-build", ".log");
        // Offline: its dependencies (the JDBC driver, Maven's plugins) are the ones this build already resolved.
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-o", "package").directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = mvn.waitFor(5, TimeUnit.MINUTES);
        if (!done) mvn.destroyForcibly();
        assertThat(done && mvn.exitValue() == 0).as("mvn package in %s; its output:%n%s", PROJECT, Files.readString(log)).isTrue();

        Path jar = PROJECT.resolve("target/faultline-postgres-client.jar");
        Map<String, ClientFactory> factories = ClientFactories.load(List.of(jar.toString()));

        assertThat(factories).containsKey("postgres");
        assertThat(factories.get("postgres").getClass().getClassLoader().getName()).isEqualTo("plugin " + jar);
        assertThat(new File(jar.toString()).length()).as("the JDBC driver is inside").isGreaterThan(500_000);
    }
}
