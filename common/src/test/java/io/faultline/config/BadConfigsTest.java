package io.faultline.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each bad config is rejected with one line that names the field, quotes the value and says what is allowed. */
class BadConfigsTest {

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                // The document as a whole: no field, the file and line instead.
                bad("", "", "test.yaml: the config is empty", "name", "workload"),
                bad("- name: x\n- workload: {}\n", "", "test.yaml: the config is a list", "not a map of fields"),
                bad("name: x\nnodes: 1\n  foo: 2\n", "", "test.yaml:3: mapping values are not allowed here"),
                bad("name: x\nnodes: 1\nnodes: 2\n", "", "test.yaml:3: Duplicate field 'nodes'"),
                bad("name: x\nworkload: {name: &w register}\nnemesis: {faults: [*w]}\n", "", "test.yaml:3:", "aliases", "*w"),
                bad("name: x\n---\nname: y\n", "", "test.yaml:3:", "second YAML document"),
                // Top level.
                bad("workload: {name: register}\n", "name", "missing", "name: etcd-register"),
                bad("name: My Test\nworkload: {name: register}\n", "name", "'My Test' is not a valid test name", "lowercase", "directory"),
                withWorkload("timelimit: 5s", "timelimit", "unknown field", "allowed: name, nodes", "did you mean 'time-limit'?"),
                withWorkload("nodes: 0", "nodes", "0 is out of range", "1..64", "list of node names"),
                withWorkload("nodes: 65", "nodes", "65 is out of range", "1..64"),
                withWorkload("nodes: five", "nodes", "'five'", "1..64 or a list of node names"),
                withWorkload("nodes: [a, b, a]", "nodes[2]", "'a' appears twice", "unique"),
                withWorkload("nodes: [n1, N2]", "nodes[1]", "'N2' is not a valid node name", "lowercase letters, digits and '-'"),
                withWorkload("concurrency: 2x", "concurrency", "'2x' is not a concurrency", "e.g. 10", "2n"),
                withWorkload("concurrency: 0", "concurrency", "0 is too small", "1 or more"),
                withWorkload("time-limit: [1,2]", "time-limit", "[1, 2] is not a duration", "30s"),
                withWorkload("time-limit: 60", "time-limit", "60 has no unit", "60s"),
                withWorkload("time-limit: 0s", "time-limit", "'0s' is too short", "positive duration"),
                withWorkload("seed: abc", "seed", "'abc' is not a whole number"),
                withWorkload("db: {name: patroni, replication: {strict: true}}", "db.replication.strict", "synchronous replication only"),
                withWorkload("plugins: client.jar", "plugins", "'client.jar' is not a list", "[plugins/my-client.jar]"),
                withWorkload("plugins: [\"\"]", "plugins[0]", "name a jar or a folder of jars"),
                // cluster and services.
                withWorkload("cluster: {provider: kubernetes}", "cluster.provider",
                        "'kubernetes' is not a provider", "allowed: local, docker"),
                withWorkload("cluster: {leave-running: maybe}", "cluster.leave-running", "'maybe' is not true or false"),
                withWorkload("cluster: docker", "cluster", "'docker' is not a map", "cluster: {provider: docker}"),
                withWorkload("services: {zk: {image: zk}}", "services", "is not a list", "services: [{name: zookeeper"),
                withWorkload("services: [{image: zk}]", "services[0].name", "missing", "name: zookeeper"),
                withWorkload("services: [{name: ZK, image: zk}]", "services[0].name", "'ZK' is not a valid service name", "host name"),
                withWorkload("nodes: [n1, zk]\nservices: [{name: zk, image: zk}]", "services[0].name", "'zk' is also a node name",
                        "never faulted"),
                withWorkload("services: [{name: zk, image: zk}, {name: zk, image: zk}]", "services[1].name", "'zk' appears twice"),
                withWorkload("services: [{name: zk}]", "services[0]", "names neither image nor build"),
                withWorkload("services: [{name: zk, imgae: zk}]", "services[0].imgae", "unknown field", "did you mean 'image'?"),
                withWorkload("services: [{name: zk, image: zk, depends-on: [kafak]}, {name: kafka, image: k}]", "services[0].depends-on[0]",
                        "unknown service 'kafak'", "did you mean 'kafka'?"),
                withWorkload("services: [{name: zk, image: zk, depends-on: [zk]}]", "services[0].depends-on[0]", "'zk' is this service itself"),
                withWorkload("services: [{name: a, image: a, depends-on: [b]}, {name: b, image: b, depends-on: [c]},"
                        + " {name: c, image: c, depends-on: [a]}]", "services[2].depends-on", "closes a cycle: a → b → c → a"),
                withWorkload("services: [{name: zk, image: zk, health: {interval: 1s}}]", "services[0].health.command", "missing"),
                withWorkload("services: [{name: zk, image: zk, health: {command: [], retries: 1}}]", "services[0].health.command",
                        "is empty"),
                withWorkload("services: [{name: zk, image: zk, health: {command: x, retries: 0}}]", "services[0].health.retries",
                        "0 is out of range"),
                withWorkload("services: [{name: zk, image: zk, health: {command: x, timeout: 5}}]", "services[0].health.timeout",
                        "5 has no unit"),
                withWorkload("cluster: {provider: external, join: {bind: 0.0.0.0:5701, advertise: h:5701}}", "cluster.nodes",
                        "missing", "name the agents that join"),
                withWorkload("cluster: {provider: external, nodes: [n1]}", "cluster.join", "missing", "bind: 0.0.0.0:5701"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {advertise: h:5701}}", "cluster.join.bind", "missing"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {bind: 0.0.0.0:5701}}", "cluster.join.advertise",
                        "missing", "agents reach the control"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {bind: 0.0.0.0, advertise: h:5701}}",
                        "cluster.join.bind", "'0.0.0.0' is not host:port"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {bind: 'x:port', advertise: h:5701}}",
                        "cluster.join.bind", "'x:port' has no port number"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {bind: 'x:65535', advertise: h:5701}}",
                        "cluster.join.bind", "out of range", "next two"),
                withWorkload("cluster: {provider: external, nodes: [n1], join: {bind: x:1, advertise: h:5701, wait: 1m}}",
                        "cluster.join.wait", "unknown field", "timeout"),
                withWorkload("cluster: {provider: external, nodes: [n1, n1], join: {bind: x:1, advertise: h:5701}}",
                        "cluster.nodes[1]", "'n1' appears twice"),
                withWorkload("nodes: [a, b]\ncluster: {provider: external, nodes: [n1, n2], join: {bind: x:1, advertise: h:5701}}",
                        "nodes", "differs from cluster.nodes [n1, n2]", "remove nodes"),
                withWorkload("cluster: {provider: docker, nodes: [n1]}", "cluster.nodes", "only provider external reads it"),
                // db.
                withWorkload("db: {versoin: 3.5.0}", "db.versoin", "unknown field", "allowed: name, version", "did you mean 'version'?"),
                withWorkload("db: {archive: {sha256: abc}}", "db.archive.url", "missing", "URL"),
                withWorkload("db: {archive: {url: ftp://x}}", "db.archive.url", "'ftp://x'", "http, https or file URL"),
                withWorkload("db: {archive: {url: http://x, sha256: abc}}", "db.archive.sha256", "'abc'", "64 hex digits"),
                withWorkload("db: {bugs: [stale-read]}", "db.bugs[0]", "unknown bug 'stale-read'",
                        "allowed: stale-reads, ack-before-replicate, split-brain", "did you mean 'stale-reads'?"),
                withWorkload("db: {name: etcd, bugs: [split-brain]}", "db.bugs", "simulated store", "db.name is 'etcd'"),
                withWorkload("db: {ready: {tcp: 70000}}", "db.ready.tcp", "70000 is out of range", "1..65535"),
                withWorkload("db: {start: yes}", "db.start", "true is not text", "quote"),
                withWorkload("db:\n  ready:\n    http: |\n      line one\n      line two", "db.ready.http",
                        "'line one\\nline two\\n' is neither an http(s) URL nor a path"),
                withWorkload("db: {archive: {url: \"http://x/${version}\"}}", "db.archive.url",
                        "${version}", "db.version is not set", "--version"),
                withWorkload("db: {archive: {url: http://x, password: \"${env:NOPE}\"}}", "db.archive.password",
                        "environment variable NOPE is not set", "export NOPE="),
                // workload.
                bad("name: x\n", "workload", "missing", "workload: {name: register}"),
                bad("name: x\nworkload: register\n", "workload", "'register' is not a map", "workload: {name: register}"),
                bad("name: x\nworkload: {keys: 2}\n", "workload.name", "missing", "allowed: register, cas-register"),
                bad("name: x\nworkload: {name: regster}\n", "workload.name", "'regster' is not a workload",
                        "allowed: register", "did you mean 'register'?"),
                bad("name: x\nworkload: {name: register, rate: 200 per second}\n", "workload.rate",
                        "'200 per second' is not a rate", "<number>/s, e.g. 200/s"),
                bad("name: x\nworkload: {name: register, rate: 0/s}\n", "workload.rate", "'0/s' is not a positive rate"),
                bad("name: x\nworkload: {name: register, keys: 0}\n", "workload.keys", "0 is too small", "1 or more"),
                bad("name: x\nworkload: {name: register, timeout: 0s}\n", "workload.timeout", "'0s' is too short"),
                bad("name: x\nworkload: {name: register, ops-per-key: 0}\n", "workload.ops-per-key", "0 is too small", "1 or more"),
                bad("name: x\nworkload: {name: cas-register, ops-per-key: many}\n", "workload.ops-per-key", "'many' is not a whole number"),
                bad("name: x\nworkload: {name: set, ops-per-key: 100}\n", "workload.ops-per-key",
                        "the set workload does not rotate keys", "only register and cas-register", "remove ops-per-key"),
                // nemesis and final.
                withWorkload("nemesis: {faults: [partition, partitoin]}", "nemesis.faults[1]", "unknown fault 'partitoin'",
                        "allowed: partition, kill, pause, clock, packet", "did you mean 'partition'?"),
                withWorkload("nemesis: {faults: [kill, kill]}", "nemesis.faults[1]", "'kill' appears twice"),
                withWorkload("nodes: 1\nnemesis: {faults: [partition]}", "nemesis.faults[0]", "partition needs at least 2 nodes"),
                withWorkload("nemesis: {grudges: [halfs]}", "nemesis.grudges[0]", "unknown grudge 'halfs'", "did you mean 'halves'?"),
                withWorkload("nemesis: {grudges: []}", "nemesis.grudges", "[] is empty", "leave grudges out"),
                withWorkload("nemesis: {packet-loss: 1.5}", "nemesis.packet-loss", "1.5 is out of range", "at most 1"),
                withWorkload("nemesis: {packet-loss: 20%}", "nemesis.packet-loss", "'20%' is not a number", "e.g. 0.2"),
                withWorkload("nemesis: {packet-duplicate: -0.1}", "nemesis.packet-duplicate", "-0.1 is out of range", "at least 0"),
                withWorkload("nemesis: {packet-delay: soon}", "nemesis.packet-delay", "soon", "500ms"),
                withWorkload("nemesis: {clock-offset: 5s}", "nemesis.clock-offset", "unknown field", "did you mean 'clock-max-offset'?"),
                withWorkload("final: {recovery: -1s}", "final.recovery", "'-1s' is negative", "0s or more"),
                withWorkload("final: {reads: 3}", "final.reads", "3 is not true or false"),
                // checker.
                withWorkload("checker: {linearizable: {model: foo}}", "checker.linearizable.model", "'foo' is not a model",
                        "allowed: register, cas-register, kv, mutex, fifo-queue, unordered-queue, set"),
                withWorkload("checker: {linearizable: {time-limit: soon}}", "checker.linearizable.time-limit",
                        "'soon' is not a duration", "30s"),
                withWorkload("checker: {linerizable: {}}", "checker.linerizable", "unknown checker",
                        "allowed: linearizable", "did you mean 'linearizable'?"),
                withWorkload("checker: {stats: 3}", "checker.stats", "3 is not a map", "stats: {}"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badConfigs")
    void aBadConfigIsRejectedNamingTheFieldTheValueAndWhatIsAllowed(String yaml, String field, List<String> words) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of()));

        assertThat(e).as("rejects:%n%s", yaml).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).doesNotContain("\n");
        if (!field.isEmpty()) assertThat(e.getMessage()).startsWith(field + ": ");
        for (String word : words) assertThat(e.getMessage()).contains(word);
    }

    private static Arguments bad(String yaml, String field, String... words) {
        return Arguments.of(yaml, field, List.of(words));
    }

    private static Arguments withWorkload(String lines, String field, String... words) {
        return bad("name: x\n" + lines + "\nworkload: {name: register}\n", field, words);
    }
}
