package io.faultline.config;

import io.faultline.config.ConfigLoader.Override;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSubstitutionTest {

    private static final String CONFIG = """
            name: etcd-register
            db:
              name: etcd
              version: 3.5.0
              archive:
                url: "https://repo.example.com/sut/${version}/sut-${version}.tar.gz"
                username: "${env:REPO_USER}"
                password: "${env:REPO_PASSWORD}"
              start: "bin/sut --name ${node} --peers ${peers} --data ${env:DATA_DIR}/${node}"
            workload: {name: register, api-token: tok-123, zoo-password: zoo-secret, zoo-mode: "${env:ZOO_MODE}"}
            """;
    private static final Map<String, String> ENV = Map.of("REPO_USER", "builder", "REPO_PASSWORD", "s3cr3t",
            "ZOO_MODE", "standalone", "DATA_DIR", "/data");

    @Test
    void environmentVariablesAndTheVersionAreFilledInAndNodePlaceholdersAreLeft() throws Exception {
        TestConfig c = ConfigLoader.parse(CONFIG, "test.yaml", List.of(), ENV).config();

        assertThat(c.db().archive()).isEqualTo(new ArchiveConfig(
                "https://repo.example.com/sut/3.5.0/sut-3.5.0.tar.gz", "builder", "s3cr3t", null, false,
                List.of("REPO_USER", "REPO_PASSWORD")));
        assertThat(c.db().start()).isEqualTo("bin/sut --name ${node} --peers ${peers} --data /data/${node}");
        assertThat(c.workload().options()).containsEntry("zoo-mode", "standalone");
    }

    @Test
    void theEffectiveYamlRedactsEnvironmentValuesAndSecretKeys() throws Exception {
        String yaml = ConfigLoader.parse(CONFIG, "test.yaml", List.of(), ENV).effectiveYaml();

        assertThat(yaml).doesNotContain("builder", "s3cr3t", "standalone", "/data", "zoo-secret", "tok-123")
                .contains("username: <redacted>", "password: <redacted>", "zoo-password: <redacted>",
                        "zoo-mode: <redacted>", "api-token: <redacted>", "start: <redacted>")
                .contains("https://repo.example.com/sut/3.5.0/sut-3.5.0.tar.gz");
    }

    @Test
    void aSecretSetOnTheCommandLineIsRedactedToo() throws Exception {
        LoadedConfig loaded = ConfigLoader.parse(CONFIG, "test.yaml", List.of(Override.parse("db.archive.password=pw-from-cli")), ENV);

        assertThat(loaded.config().db().archive().password()).isEqualTo("pw-from-cli");
        assertThat(loaded.effectiveYaml()).doesNotContain("pw-from-cli");
    }

    @Test
    void anOverriddenVersionReachesEveryVersionPlaceholder() throws Exception {
        TestConfig c = ConfigLoader.parse(CONFIG, "test.yaml", List.of(new Override("db.version", "3.6.1")), ENV).config();

        assertThat(c.db().archive().url()).isEqualTo("https://repo.example.com/sut/3.6.1/sut-3.6.1.tar.gz");
    }

    @Test
    void aVersionWrittenAsADecimalKeepsItsDigits() throws Exception {
        TestConfig c = ConfigLoader.parse(CONFIG.replace("version: 3.5.0", "version: 3.10"), "test.yaml", List.of(), ENV).config();

        assertThat(c.db().version()).isEqualTo("3.10");
        assertThat(c.db().archive().url()).contains("/3.10/");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheFieldAndTheVariable() {
        Map<String, String> env = Map.of("REPO_USER", "builder", "ZOO_MODE", "x", "DATA_DIR", "/d");

        assertThatThrownBy(() -> ConfigLoader.parse(CONFIG, "test.yaml", List.of(), env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("db.archive.password: environment variable REPO_PASSWORD is not set;"
                        + " export it before running, e.g. export REPO_PASSWORD=...")
                .extracting(e -> ((ConfigException) e).field()).isEqualTo("db.archive.password");
    }

    @Test
    void theVersionPlaceholderNeedsAVersion() {
        assertThatThrownBy(() -> ConfigLoader.parse(CONFIG.replace("  version: 3.5.0\n", ""), "test.yaml", List.of(), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessage("db.archive.url: uses ${version} but db.version is not set; set it in the file or with --version");
    }

    @Test
    void environmentValuesAreCheckedLikeWrittenOnesButNeverQuoted() {
        String yaml = "name: x\nnodes: ${env:NODES}\nworkload: {name: register, keys: \"${env:KEYS}\"}\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of("NODES", "3", "KEYS", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("workload.keys: <redacted> is not a whole number");
    }

    @Test
    void numbersFromTheEnvironmentAreNumbers() throws Exception {
        String yaml = "name: x\nnodes: ${env:NODES}\nworkload: {name: register, keys: \"${env:KEYS}\"}\n";

        TestConfig c = ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of("NODES", "3", "KEYS", "4")).config();

        assertThat(c.nodes()).hasSize(3);
        assertThat(c.workload().keys()).isEqualTo(4);
    }
}
