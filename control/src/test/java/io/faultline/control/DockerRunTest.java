package io.faultline.control;

import io.faultline.run.RunOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.json.Json;
import io.faultline.checker.Verdict;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: etcd on node containers, agents joined over the TLS event bus, faults injected inside
 * the containers. Needs a Docker daemon and the node image (docker/scripts/prepare-machine.sh).
 */
class DockerRunTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    Path store;

    @BeforeAll
    static void docker() throws Exception {
        Docker.assumeAvailable();
    }

    private static LoadedConfig config(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of());
    }

    @Test
    void etcdWithLinearizableReadsStaysValidUnderPartitionsAndKills() throws Exception {
        RunOutcome outcome = new RunLauncher(config("""
                name: etcd-valid
                nodes: 3
                concurrency: 2n
                time-limit: 30s
                seed: 4
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: cas-register, client: etcd, keys: 2, rate: 100/s, timeout: 2s}
                nemesis: {faults: [partition, kill], interval: 4s}
                final: {recovery: 5s}
                """), store).run();
        JsonNode results = JSON.readTree(outcome.dir().results().toFile());
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.VALID);
        assertThat(results.path("checkers").path("linearizable").path("operations").asInt()).isGreaterThan(500);
        assertThat(Files.list(outcome.dir().path().resolve("nodes"))).hasSize(3);
        assertThat(outcome.dir().path().resolve("nodes/n1/etcd.log")).isNotEmptyFile();
    }

    @Test
    void serializableReadsWhileAMinorityIsCutOffAreStale() throws Exception {
        RunOutcome outcome = new RunLauncher(config("""
                name: etcd-stale
                nodes: 3
                concurrency: 2n
                time-limit: 25s
                seed: 8
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: register, client: etcd, rate: 150/s, timeout: 2s, serializable-reads: true}
                nemesis: {faults: [partition], interval: 3s, grudges: [one]}
                final: {recovery: 3s}
                """), store).run();
        JsonNode results = JSON.readTree(outcome.dir().results().toFile());
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.INVALID);
        assertThat(results.path("why").asText()).contains("not linearizable").contains("read");
    }

    @Test
    void partitionCutsTheDataNetworkWhileTheControlKeepsItsAgents() throws Exception {
        LiveRun live = LiveRun.start(config("""
                name: etcd-partition
                nodes: 3
                concurrency: 2n
                time-limit: 16s
                seed: 2
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: register, client: etcd, rate: 60/s, timeout: 2s}
                nemesis: {faults: [partition], interval: 4s, grudges: [halves]}
                final: {recovery: 1s}
                """), store);
        JsonNode started = live.await(op -> op.path("f").asText().equals("start-partition") && op.path("type").asText().equals("ok"));
        JsonNode drop = started.path("value").path("drop");
        String cutOff = drop.fieldNames().next();
        String other = drop.path(cutOff).get(0).asText();
        String from = Docker.container(live.runId(), cutOff);
        String otherAddress = dataAddress(from, other);

        assertThat(Docker.exec(from, "curl", "-s", "-m", "2", "http://" + otherAddress + ":2379/health").exit())
                .as("%s reaches %s on the data network during the partition", cutOff, other).isNotZero();
        long cutAt = started.path("time").asLong();
        live.await(op -> op.path("node").asText().equals(cutOff) && op.path("time").asLong() > cutAt + 500_000_000L);
        live.await(op -> op.path("node").asText().equals(other) && op.path("time").asLong() > cutAt + 500_000_000L);

        live.await(op -> op.path("f").asText().equals("stop-partition") && op.path("type").asText().equals("ok"));
        // An answer at all shows the path is back (etcd may still be electing, and say "false").
        assertThat(Docker.exec(from, "curl", "-s", "-m", "2", "http://" + otherAddress + ":2379/health").out())
                .as("%s reaches %s again after the heal", cutOff, other).contains("\"health\"");
        assertThat(Docker.exec(Docker.container(live.runId(), other), "curl", "-s", "-m", "2",
                "http://" + dataAddress(from, cutOff) + ":2379/health").out()).contains("\"health\"");
        assertThat(live.outcome().verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void clockBumpMovesTheDatabasesClockAndNothingElse() throws Exception {
        LiveRun live = LiveRun.start(config("""
                name: etcd-clock
                nodes: 3
                concurrency: 1n
                time-limit: 12s
                seed: 3
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: register, client: etcd, rate: 30/s, timeout: 2s}
                nemesis: {faults: [clock], interval: 3s, clock-max-offset: 1h}
                final: {recovery: 1s}
                """), store);
        JsonNode bumped = live.await(op -> op.path("f").asText().equals("clock-bump") && op.path("type").asText().equals("ok"));
        String node = bumped.path("value").fieldNames().next();
        long offsetSeconds = bumped.path("value").path(node).asLong() / 1000;
        String container = Docker.container(live.runId(), node);

        String etcdPid = Docker.exec(container, "pgrep", "-o", "-x", "etcd").out();
        String etcdEnv = Docker.exec(container, "sh", "-c", "tr '\\0' '\\n' < /proc/" + etcdPid + "/environ | grep FAKETIME_ | tr '\\n' ' '").out();
        long sutTime = Long.parseLong(Docker.exec(container, "sh", "-c", etcdEnv + " LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 date +%s").out());
        long containerTime = Long.parseLong(Docker.exec(container, "date", "+%s").out());
        long hostTime = System.currentTimeMillis() / 1000;
        String agentPid = Docker.exec(container, "pgrep", "-o", "java").out();
        String agentEnv = Docker.exec(container, "sh", "-c", "tr '\\0' '\\n' < /proc/" + agentPid + "/environ").out();

        assertThat(sutTime - containerTime).as("the database's clock, offset %d s", offsetSeconds).isBetween(offsetSeconds - 3, offsetSeconds + 3);
        assertThat(Math.abs(containerTime - hostTime)).as("the container's own clock").isLessThanOrEqualTo(2);
        assertThat(agentEnv).as("the agent runs on the real clock").doesNotContain("LD_PRELOAD").doesNotContain("FAKETIME");
        live.outcome();
    }

    @Test
    void packetDelayIsRefusedWhereTheKernelHasNoNetem() throws Exception {
        boolean netem = Docker.run("run", "--rm", "--cap-add", "NET_ADMIN", "faultline/node", "tc", "qdisc", "add", "dev", "lo",
                "root", "netem", "delay", "1ms").exit() == 0;
        org.junit.jupiter.api.Assumptions.assumeFalse(netem, "this kernel has netem: nothing to refuse");
        RunOutcome outcome = new RunLauncher(config("""
                name: etcd-netem
                nodes: 3
                time-limit: 5s
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: register, client: etcd}
                nemesis: {faults: [packet], packet-delay: 100ms}
                """), store).run();
        assertThat(outcome.exitCode()).isEqualTo(254);
        assertThat(outcome.summary()).contains("netem").contains("Packet loss works without it");
    }

    @Test
    void killedControlLeavesNoPartitionBehindOnceLeasesRunOut() throws Exception {
        Path config = store.resolve("lease.yaml");
        Files.writeString(config, """
                name: etcd-lease
                nodes: 3
                concurrency: 1n
                time-limit: 60s
                seed: 6
                cluster: {provider: docker}
                db: {name: etcd}
                workload: {name: register, client: etcd, rate: 20/s, timeout: 2s}
                nemesis: {faults: [partition], interval: 2s, grudges: [halves]}
                """);
        Process control = new ProcessBuilder(javaCommand("run", config.toString(), "--store", store.toString()))
                .redirectErrorStream(true).redirectOutput(store.resolve("control.out").toFile()).start();
        String runId = null;
        try {
            Path history = LiveRun.awaitHistory(store.resolve("etcd-lease"), Duration.ofSeconds(90));
            runId = history.getParent().getParent().getFileName() + "-" + history.getParent().getFileName();
            LiveRun.awaitLine(history, op -> op.path("f").asText().equals("start-partition") && op.path("type").asText().equals("ok"),
                    Duration.ofSeconds(60));
            assertThat(totalRules(runId)).as("partition rules while the control lives").isPositive();
            control.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            long rules = -1;
            while (System.nanoTime() - killed < Duration.ofSeconds(25).toNanos()) {
                rules = totalRules(runId);
                if (rules == 0) break;
                Thread.sleep(500);
            }
            assertThat(rules).as("iptables DROP rules left %d s after the control died (lease 10 s)",
                    (System.nanoTime() - killed) / 1_000_000_000L).isZero();
        } finally {
            control.destroyForcibly();
            if (runId != null) Docker.removeRun(runId);
        }
    }

    /** DROP rules in the FAULTLINE chains of every node of the run. */
    private static long totalRules(String runId) throws Exception {
        long rules = 0;
        for (String node : List.of("n1", "n2", "n3")) {
            String container = Docker.container(runId, node);
            if (container.isBlank()) continue;
            String chains = Docker.exec(container, "sh", "-c", "iptables -w -S 2>/dev/null; iptables-legacy -w -S 2>/dev/null").out();
            rules += chains.lines().filter(line -> line.startsWith("-A FAULTLINE") && line.contains("DROP")).count();
        }
        return rules;
    }

    private static String dataAddress(String container, String node) throws Exception {
        String contract = Docker.exec(container, "printenv", io.faultline.protocol.AgentContract.VARIABLE).out().strip();
        String address = io.faultline.protocol.AgentContract.fromJson(contract).endpoints().dataAddresses().get(node);
        if (address == null) throw new AssertionError("no data address for " + node + " in the agent contract of " + container);
        return address;
    }

    /** A JVM running the CLI with this test's class path: the control jar is not built yet when tests run. */
    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.faultline.cli.Faultline"));
        command.addAll(List.of(args));
        return command;
    }

    /** A run in the background whose history a test follows while it happens. */
    private record LiveRun(CompletableFuture<RunOutcome> result, Path history, String runId) {

        static LiveRun start(LoadedConfig config, Path store) throws Exception {
            CompletableFuture<RunOutcome> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return new RunLauncher(config, store).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Path history = awaitHistory(store.resolve(config.config().name()), Duration.ofSeconds(90));
            String runId = history.getParent().getParent().getFileName() + "-" + history.getParent().getFileName();
            return new LiveRun(result, history, runId);
        }

        JsonNode await(Predicate<JsonNode> condition) throws Exception {
            return awaitLine(history, condition, Duration.ofSeconds(60));
        }

        RunOutcome outcome() throws Exception {
            return result.get(3, TimeUnit.MINUTES);
        }

        static Path awaitHistory(Path testDir, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Path latest = testDir.resolve("latest");
                if (Files.isRegularFile(latest.resolve("history.jsonl"))) return latest.toRealPath().resolve("history.jsonl");
                Thread.sleep(100);
            }
            throw new AssertionError("no history under " + testDir + " within " + timeout);
        }

        static JsonNode awaitLine(Path history, Predicate<JsonNode> condition, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Iterator<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8).iterator();
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isBlank()) continue;
                    JsonNode op;
                    try {
                        op = JSON.readTree(line);
                    } catch (Exception partialLine) {
                        continue;
                    }
                    if (condition.test(op)) return op;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no matching op in " + history + " within " + timeout);
        }
    }
}
