package io.faultline.config;

import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/examples/plugins holds the postgres plugin's Maven project (its jar in target/), which the discovery of
 * plugins/ must leave alone: the examples load what they list and nothing else, built or not. Here rather than in
 * common because the examples need the control's vocabulary (workloads, bugs).
 */
class ExampleConfigsPluginsTest {

    @Test
    void theExampleConfigsLoadOnlyThePluginsTheyList() throws Exception {
        Path examples = Path.of("../docker/examples").toAbsolutePath().normalize();
        List<Path> configs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(examples, "*.yaml")) {
            files.forEach(configs::add);
        }
        assertThat(configs).hasSizeGreaterThan(5);
        for (Path config : configs) {
            LoadedConfig loaded = ConfigLoader.load(config, List.of(), Map.of());
            if (Files.readString(config).contains("\nplugins:")) {
                assertThat(loaded.config().plugins()).as(config.toString())
                        .containsExactly(examples.resolve("plugins/postgres/target/faultline-postgres-client.jar"));
            } else {
                assertThat(loaded.config().plugins()).as(config.toString()).isEmpty();
                assertThat(loaded.notes()).as(config.toString()).isEmpty();
            }
        }
    }
}
