package io.faultline.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every setting that nothing used to honour is now either honoured or refused before a run, with one line that
 * names the field and says what would honour it: never silently ignored.
 */
class IgnoredSettingsTest {
    private static final String DOCKER = "cluster: {provider: docker}\n";
    private static final String ZK = "services: [{name: zookeeper, image: faultline/zookeeper}]";

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("services: [{name: zk, image: zookeeper}]", "services", "only provider docker starts services"),
                refused("db: {name: sim, archive: {url: https://x/sut.tar.gz}}", "db.archive", "the simulated store installs nothing",
                        "cluster.provider: docker"),
                refused(DOCKER + "db: {name: etcd, archive: {url: https://x/sut.tar.bz2}}", "db.archive.url",
                        "does not end in .tar.gz, .tgz, .tar, .zip"),
                refused(DOCKER + "db: {name: etcd, start: \"etcd --name ${node}\"}", "db.start", "neither etcd", "nor sim"),
                refused(DOCKER + "db: {name: etcd, ready: {tcp: 2379}}", "db.ready.tcp", "/health", "db.ready.timeout"),
                refused(DOCKER + "db: {name: etcd, ready: {http: /health}}", "db.ready.http", "only db.ready.timeout is honoured"),
                refused("db: {name: sim, logs: [/var/log/x.log]}", "db.logs", "simulated store keeps its own log", "provider docker"),
                refused("db: {name: sim, bugs: [read-committed]}", "db.bugs", "'read-committed' changes only transactions",
                        "use workload list-append"),
                refused("db: {name: etcd}", "db.name", "'etcd' does not run with provider local", "use cluster.provider: docker or external for etcd"),
                refused(DOCKER + "db: {name: sim}", "db.name", "'sim' does not run with provider docker", "cluster.provider: local"),
                refused(DOCKER + "db: {name: zookeeper}", "db.name", "no provider runs 'zookeeper' yet"),
                refused("cluster: {image: my/node}", "cluster.image", "only provider docker reads it"),
                refused("cluster: {leave-running: true}", "cluster.leave-running", "only provider docker reads it"),
                refused("cluster: {provider: swarm}", "cluster.provider", "'swarm' is not a provider", "allowed: local, docker, external"),
                refused("cluster: {provider: docker, join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}}\ndb: {name: etcd}",
                        "cluster.join", "only provider external reads it"),
                refused("plugins: [absent/client.jar]", "plugins[0]", "absent/client.jar does not exist", "build the plugin first"),
                refused("plugins: [pom.xml]", "plugins[0]", "pom.xml is not a jar", "a .jar file or a folder of jars"),
                refused("plugins: [src/main/java]", "plugins[0]", "holds no .jar file"),
                refused("cluster: {provider: external, nodes: [n1], join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}}\n"
                        + "db: {name: etcd}\nplugins: [pom.xml]", "plugins", "their own class path"),
                refused(DOCKER + "db: {name: etcd, replication: {synchronous-mode: true}}", "db.replication", "only db.name: patroni"),
                refused(DOCKER + "db: {name: patroni}", "services", "the service named zookeeper"),
                refused(DOCKER + "db: {name: patroni, version: '15'}\n" + ZK, "db.version", "the PostgreSQL of its node image"),
                refused(DOCKER + "db: {name: patroni}\n" + ZK + "\nnemesis: {faults: [kill, clock]}", "nemesis.faults",
                        "libfaketime, which Patroni"),
                refused("checker: {set: {strict: true}}", "checker.set.strict", "reads no option 'strict'", "set: {}"),
                refused("checker: {linearizable: {modle: register}}", "checker.linearizable.modle", "did you mean 'model'?"),
                refused("nemesis: {faults: [kill], grudges: [halves]}", "nemesis.grudges", "only the partition fault reads it"),
                refused("nemesis: {faults: [partition], packet-loss: 0.5}", "nemesis.packet-loss", "only the packet fault reads it"),
                refused("nemesis: {faults: [partition], targets: [one]}", "nemesis.targets", "only the kill or pause fault reads it"),
                refused(DOCKER + "db: {name: etcd}\nnemesis: {faults: [kill], targets: [primary, one]}", "nemesis.targets",
                        "only db patroni says so", "db etcd has no primary"),
                refused(DOCKER + "db: {name: etcd}\nnemesis: {faults: [partition], grudges: [primary]}", "nemesis.grudges",
                        "db etcd has no primary"),
                refused(DOCKER + "db: {name: etcd}\nnemesis: {faults: [partition], isolate-from-services: true}",
                        "nemesis.isolate-from-services", "no services to cut nodes from"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void aSettingNothingHonoursIsRefusedNamingIt(String yaml, String field, List<String> words) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> check(yaml));

        assertThat(e).as("refuses:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).startsWith(field + ": ").doesNotContain("\n");
        for (String word : words) assertThat(e.getMessage()).contains(word);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honoured")
    void aSettingThatIsHonouredPasses(String yaml) throws Exception {
        check(yaml);
    }

    static Stream<String> honoured() {
        return Stream.of(
                DOCKER + "db: {name: etcd, ready: {timeout: 45s}, logs: [/var/log/extra.log]}",
                DOCKER + "db: {name: etcd, archive: {url: \"https://repo/etcd-v3.4.23-linux-amd64.tar.gz?dl=1\", force: true}}",
                "cluster: {provider: docker, image: my/node, leave-running: true}\ndb: {name: etcd}",
                DOCKER + "db: {name: etcd}\nservices: [{name: zk, image: faultline/zookeeper, health: {command: \"nc -z 127.0.0.1 2181\"}}]",
                "cluster: {provider: external, nodes: [n1, n2], join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}}\ndb: {name: etcd}",
                "db: {name: sim, bugs: [stale-reads], ready: {timeout: 5s}}",
                DOCKER + "db: {name: patroni, replication: {synchronous-mode: true, strict: true}}\n" + ZK,
                "checker: {linearizable: {model: register, time-limit: 10s}, stats: {}}",
                "nemesis: {faults: [partition, packet], grudges: [halves], packet-loss: 0.5}",
                "nemesis: {faults: [pause], targets: [one, all]}",
                DOCKER + "db: {name: patroni}\n" + ZK + "\nnemesis: {faults: [kill, pause, partition], targets: [primary],"
                        + " grudges: [primary, one], isolate-from-services: true}");
    }

    private static void check(String lines) throws ConfigException {
        TestConfig config = ConfigLoader.parse("name: x\n" + lines + "\nworkload: {name: register}\n", "test.yaml", List.of(), Map.of())
                .config();
        Honoured.check(config, new FixtureVocabulary());
    }

    private static Arguments refused(String yaml, String field, String... words) {
        return Arguments.of(yaml, field, List.of(words));
    }
}
