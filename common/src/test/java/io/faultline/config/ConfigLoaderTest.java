package io.faultline.config;

import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    static final String FULL = """
            name: etcd-register
            nodes: [a1, a2, a3]
            concurrency: 2n
            time-limit: 90s
            seed: 42
            cluster: {provider: docker, image: faultline/node:1.2, leave-running: true}
            plugins: [plugins/client.jar, ../shared/jars]
            db:
              name: etcd
              version: 3.10
              archive:
                url: "https://repo.example.com/sut/${version}/sut.tar.gz"
                username: builder
                password: hunter2
                sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
              start: "bin/sut --name ${node} --peers ${peers}"
              ready: {tcp: 2379, http: /health, timeout: 45s}
              logs: [/var/log/sut.log, /var/log/sut.err]
            workload: {name: cas-register, client: etcd, keys: 8, rate: 600/m, timeout: 250ms, serializable-reads: true, retries: [1, 2]}
            nemesis:
              faults: [partition, kill, pause, clock, packet]
              interval: 5s
              grudges: [halves, bridge]
              clock-max-offset: 2m
              packet-loss: 0.5
            final: {recovery: 10s, reads: false}
            checker:
              linearizable: {model: cas-register, time-limit: 60s}
              stats: {}
            """;

    @Test
    void aFullConfigLoadsEveryField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.yaml");
        Files.writeString(file, FULL);

        TestConfig c = ConfigLoader.load(file, List.of(), Map.of()).config();

        assertThat(c.name()).isEqualTo("etcd-register");
        assertThat(c.nodes()).containsExactly("a1", "a2", "a3");
        assertThat(c.concurrency()).isEqualTo(6);
        assertThat(c.timeLimit()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.cluster()).isEqualTo(new ClusterConfig("docker", "faultline/node:1.2", true));
        assertThat(c.db()).isEqualTo(new DbConfig("etcd", "3.10",
                new ArchiveConfig("https://repo.example.com/sut/3.10/sut.tar.gz", "builder", "hunter2",
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                "bin/sut --name ${node} --peers ${peers}",
                new ReadyConfig(2379, "/health", Duration.ofSeconds(45)),
                List.of("/var/log/sut.log", "/var/log/sut.err"), List.of()));
        assertThat(c.workload()).isEqualTo(new WorkloadConfig("cas-register", "etcd", 8, 200, 10.0, Duration.ofMillis(250),
                Map.of("serializable-reads", true, "retries", List.of(1L, 2L))));
        assertThat(c.nemesis().faults()).containsExactly("partition", "kill", "pause", "clock", "packet");
        assertThat(c.nemesis().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.nemesis().settings()).containsEntry("partition", new PartitionFamily.Settings(List.of("halves", "bridge"), false))
                .containsEntry("clock", new ClockFamily.Settings(Duration.ofMinutes(2)))
                .containsEntry("packet", new PacketFamily.Settings(0.5, null, 0, 0));
        assertThat(c.finalPhase()).isEqualTo(new FinalConfig(Duration.ofSeconds(10), false));
        assertThat(c.plugins()).as("relative to the config file").containsExactly(dir.resolve("plugins/client.jar"),
                dir.getParent().resolve("shared/jars"));
        assertThat(c.checkers()).containsExactly(
                Map.entry("linearizable", Map.of("model", "cas-register", "time-limit", "60s")),
                Map.entry("stats", Map.of()));
    }

    @Test
    void aMinimalConfigGetsTheDefaults() throws Exception {
        TestConfig c = parse("name: x\nworkload: {name: register}\n");

        assertThat(c.nodes()).containsExactly("n1", "n2", "n3", "n4", "n5");
        assertThat(c.concurrency()).isEqualTo(5);
        assertThat(c.timeLimit()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.seed()).isNull();
        assertThat(c.cluster()).isEqualTo(new ClusterConfig("local", "faultline/node", false));
        assertThat(c.db()).isEqualTo(new DbConfig("sim", null, null, null, null, List.of(), List.of()));
        assertThat(c.workload()).isEqualTo(new WorkloadConfig("register", "sim", 1, 200, null, Duration.ofSeconds(1), Map.of()));
        assertThat(c.nemesis()).isEqualTo(new NemesisConfig(List.of(), Duration.ofSeconds(10), Map.of()));
        assertThat(c.finalPhase()).isEqualTo(new FinalConfig(Duration.ofSeconds(2), true));
        assertThat(c.checkers()).isEmpty();
        assertThat(c.plugins()).isEmpty();
    }

    @Test
    void defaultDatabaseAndClientFollowTheProviderAndWorkload() throws Exception {
        TestConfig docker = parse("name: x\ncluster: {provider: docker}\nworkload: {name: kv}\n");
        TestConfig noop = parse("name: x\ncluster: {provider: docker}\nworkload: {name: noop}\n");

        assertThat(docker.db().name()).isEqualTo("etcd");
        assertThat(docker.workload().client()).isEqualTo("etcd");
        assertThat(noop.workload().client()).isEqualTo("noop");
    }

    @Test
    void nodeCountsBecomeNumberedNamesAndConcurrencyCanBeAbsoluteOrPerNode() throws Exception {
        assertThat(parse("name: x\nnodes: 3\nconcurrency: 7\nworkload: {name: register}\n"))
                .extracting(TestConfig::nodes, TestConfig::concurrency)
                .containsExactly(List.of("n1", "n2", "n3"), 7);
        assertThat(parse("name: x\nnodes: 4\nconcurrency: 3n\nworkload: {name: register}\n").concurrency()).isEqualTo(12);
    }

    @Test
    void ratesAreOperationsPerSecondWhateverUnitTheyAreWrittenIn() throws Exception {
        assertThat(rate("200/s")).isEqualTo(200.0);
        assertThat(rate("12.5/s")).isEqualTo(12.5);
        assertThat(rate("600/m")).isEqualTo(10.0);
        assertThat(rate("50")).isEqualTo(50.0);
        assertThat(rate("0.5")).isEqualTo(0.5);
    }

    @Test
    void workloadKeysThatAreNotFieldsBecomeClientOptionsInOrder() throws Exception {
        WorkloadConfig w = parse("name: x\nworkload: {name: kv, zeta: 1, alpha: {nested: [a, 2.5]}, keyz: 3}\n").workload();

        assertThat(w.keys()).isEqualTo(1);
        assertThat(w.options()).containsExactly(
                Map.entry("zeta", 1L), Map.entry("alpha", Map.of("nested", List.of("a", 2.5))), Map.entry("keyz", 3L));
    }

    @Test
    void partitionsNeedTwoNodesButKillingTheOnlyNodeIsFine() throws Exception {
        assertThat(parse("name: x\nnodes: 1\nworkload: {name: register}\nnemesis: {faults: [kill, pause]}\n")
                .nemesis().faults()).containsExactly("kill", "pause");
        assertThatThrownBy(() -> parse("name: x\nnodes: 1\nworkload: {name: register}\nnemesis: {faults: [kill, partition]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("nemesis.faults[1]: partition needs at least 2 nodes; this test has 1");
    }

    @Test
    void theSimulatedStoreAcceptsItsBugs() throws Exception {
        assertThat(parse("name: x\ndb: {bugs: [stale-reads, split-brain]}\nworkload: {name: register}\n").db().bugs())
                .containsExactly("stale-reads", "split-brain");
    }

    @Test
    void anExternalClusterNamesItsAgentsAndWhereTheyJoin() throws Exception {
        TestConfig c = parse("name: x\ncluster: {provider: external, nodes: [n1, n2, n3], join: {bind: 0.0.0.0:5701,"
                + " advertise: 'control.example:6000', timeout: 30s}}\ndb: {name: etcd}\nworkload: {name: register}\n");

        assertThat(c.nodes()).containsExactly("n1", "n2", "n3");
        assertThat(c.concurrency()).isEqualTo(3);
        assertThat(c.cluster().join()).isEqualTo(new ClusterConfig.Join(new ClusterConfig.Address("0.0.0.0", 5701),
                new ClusterConfig.Address("control.example", 6000), Duration.ofSeconds(30)));
    }

    @Test
    void theExternalExampleTakesTheControlsAddressFromTheCommandLine() throws Exception {
        TestConfig c = ConfigLoader.load(Path.of("../docker/examples/etcd-register-external.yaml"),
                List.of(ConfigLoader.Override.parse("cluster.join.advertise=192.168.7.1:5701")), Map.of()).config();

        assertThat(c.cluster().join().advertise()).isEqualTo(new ClusterConfig.Address("192.168.7.1", 5701));
        assertThat(c.nodes()).containsExactly("n1", "n2", "n3");
    }

    @Test
    void theEffectiveYamlLoadsBackToTheSameConfig() throws Exception {
        LoadedConfig first = ConfigLoader.parse(FULL.replace("password: hunter2", "password: ~"), "test.yaml", List.of(), Map.of());

        LoadedConfig second = ConfigLoader.parse(first.effectiveYaml(), "effective.yaml", List.of(), Map.of());

        assertThat(second.config()).isEqualTo(first.config());
    }

    @Test
    void theArchiveCredentialsStayOutOfToString() throws Exception {
        assertThat(new ArchiveConfig("https://x", "builder-u", "hunter2", null).toString())
                .doesNotContain("hunter2").doesNotContain("builder-u").contains("username=<redacted>", "password=<redacted>");
        assertThat(new ArchiveConfig("https://x", "builder-u", "hunter2", null).credentials().toString())
                .doesNotContain("hunter2").doesNotContain("builder-u");
    }

    @Test
    void theServerSectionGivesRunItsTokenAndOriginsAndTheTokenIsRedacted() throws Exception {
        LoadedConfig loaded = ConfigLoader.parse("""
                name: served
                workload: {name: register}
                server: {token: s3cret-token, allow-origins: [https://ci.example.com, "http://[::1]:8080"]}
                """, "t.yaml", List.of(), Map.of());
        assertThat(loaded.config().server().token()).isEqualTo("s3cret-token");
        assertThat(loaded.config().server().allowOrigins()).containsExactly("https://ci.example.com", "http://[::1]:8080");
        assertThat(loaded.effectiveYaml()).doesNotContain("s3cret-token");
        assertThat(ConfigLoader.parse("name: plain\nworkload: {name: register}\n", "t.yaml", List.of(), Map.of()).config().server().isNone()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse("name: x\nworkload: {name: register}\nserver: {allow-origins: [ci.example.com/path]}\n", "t.yaml", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.allow-origins").hasMessageContaining("origin");
        assertThatThrownBy(() -> ConfigLoader.parse("name: x\nworkload: {name: register}\nserver: {port: 1}\n", "t.yaml", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    }

    @Test
    void aMissingFileIsNamedInTheError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read the file: no such file");
    }

    private static double rate(String written) throws ConfigException {
        return parse("name: x\nworkload: {name: register, rate: " + written + "}\n").workload().rate();
    }

    static TestConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of()).config();
    }
}
