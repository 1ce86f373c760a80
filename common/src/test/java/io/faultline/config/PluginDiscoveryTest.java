package io.faultline.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PluginDiscoveryTest {
    private static final String DOCKER = "name: x\ncluster: {provider: docker}\nworkload: {name: register}\n";

    @Test
    void withoutAPluginsKeyEveryJarAndFolderOfJarsInPluginsIsLoaded(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/b-client.jar"));
        touch(dir.resolve("plugins/a-client/client.jar"));
        touch(dir.resolve("plugins/a-client/driver.jar"));

        LoadedConfig loaded = load(dir, DOCKER);

        assertThat(loaded.config().plugins()).containsExactly(dir.resolve("plugins/a-client"), dir.resolve("plugins/b-client.jar"));
        assertThat(loaded.effectiveYaml()).as("the stored config says what was loaded")
                .contains("plugins:\n- plugins/a-client\n- plugins/b-client.jar\n");
        assertThat(loaded.notes()).hasSize(2).allSatisfy(note -> assertThat(note).contains("found in " + dir.resolve("plugins"),
                "the config has no plugins key"));
        assertThat(loaded.notes().get(0)).startsWith("plugin plugins/a-client: ");
    }

    @Test
    void onlyJarsAndFoldersHoldingJarsDirectlyCountSoAPluginProjectIsNotAPlugin(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/client.jar"));
        touch(dir.resolve("plugins/project/pom.xml"));
        touch(dir.resolve("plugins/project/target/client.jar"));
        touch(dir.resolve("plugins/project/target/classes/META-INF/services/x"));
        touch(dir.resolve("plugins/project/target/lib/dep.jar"));
        touch(dir.resolve("plugins/README.md"));
        touch(dir.resolve("plugins/.old.jar"));
        touch(dir.resolve("plugins/.cache/a.jar"));
        touch(dir.resolve("plugins/notes.jar.txt"));

        assertThat(load(dir, DOCKER).config().plugins()).containsExactly(dir.resolve("plugins/client.jar"));
    }

    @Test
    void aPluginsKeyListsExactlyWhatIsLoadedAndTheRunSaysWhatPluginsLeftOut(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/stray.jar"));
        touch(dir.resolve("plugins/chosen.jar"));
        touch(dir.resolve("lib/other.jar"));

        LoadedConfig loaded = load(dir, DOCKER + "plugins: [plugins/chosen.jar, lib/other.jar]\n");

        assertThat(loaded.config().plugins()).containsExactly(dir.resolve("plugins/chosen.jar"), dir.resolve("lib/other.jar"));
        assertThat(loaded.notes()).containsExactly("plugin plugins/chosen.jar: listed in the config",
                "plugin lib/other.jar: listed in the config",
                "plugin plugins/stray.jar is not loaded: the config's plugins key lists what is loaded; add it there to load it");
    }

    @Test
    void anEmptyPluginsKeyOrOverrideLoadsNone(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/stray.jar"));

        assertThat(load(dir, DOCKER + "plugins: []\n").config().plugins()).isEmpty();
        Path file = write(dir, DOCKER);
        assertThat(ConfigLoader.load(file, List.of(new ConfigLoader.Override("plugins", "[]")), Map.of()).config().plugins())
                .as("--set plugins=[] turns discovery off too").isEmpty();
    }

    @Test
    void noPluginsFolderMeansNoPluginsAndNoNotes(@TempDir Path dir) throws Exception {
        LoadedConfig loaded = load(dir, DOCKER);

        assertThat(loaded.config().plugins()).isEmpty();
        assertThat(loaded.notes()).isEmpty();
        assertThat(loaded.effectiveYaml()).doesNotContain("plugins");
    }

    @Test
    void agentsOfProviderExternalNeverGetThePluginsFolder(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/client.jar"));

        LoadedConfig loaded = load(dir, """
                name: x
                cluster: {provider: external, nodes: [n1, n2, n3], join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}}
                db: {name: etcd}
                workload: {name: register}
                """);

        assertThat(loaded.config().plugins()).isEmpty();
        assertThat(loaded.notes()).containsExactly("plugins/ is not read: with provider external the agents load clients from"
                + " their own class path");
    }

    @Test
    void aConfigWithoutAFileOfItsOwnDiscoversNothing(@TempDir Path dir) throws Exception {
        touch(dir.resolve("plugins/client.jar"));

        assertThat(ConfigLoader.parse(DOCKER, "request body", List.of(), Map.of(), dir).config().plugins()).isEmpty();
    }

    private static LoadedConfig load(Path dir, String yaml) throws Exception {
        return ConfigLoader.load(write(dir, yaml), List.of(), Map.of());
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("test.yaml"), yaml);
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }
}
