package io.faultline.control;

import io.faultline.run.ConfigProblem;
import io.faultline.run.RunOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.agent.Db;
import io.faultline.json.Json;
import io.faultline.agent.FaultApplier;
import io.faultline.agent.NodeRuntime;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.cli.Faultline;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.run.ConfigProblem;
import io.faultline.run.Results;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole runs with the local provider: config to verdict, through the event bus, the simulated store and the checkers. */
class LocalRunTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    Path store;

    private RunOutcome run(String yaml, String... overrides) throws Exception {
        return new RunLauncher(load(yaml, overrides), store).run();
    }

    private static LoadedConfig load(String yaml, String... overrides) throws Exception {
        List<ConfigLoader.Override> list = new java.util.ArrayList<>();
        for (String o : overrides) list.add(ConfigLoader.Override.parse(o));
        return ConfigLoader.parse(yaml, "test.yaml", list, Map.of());
    }

    private static JsonNode results(RunOutcome outcome) throws Exception {
        return JSON.readTree(outcome.dir().results().toFile());
    }

    private static History history(RunOutcome outcome) throws Exception {
        return History.read(outcome.dir().history(), HistoryFormat.JSONL).inTimeOrder();
    }

    @ParameterizedTest(name = "{0} stays valid under partitions, kills, pauses and clock jumps")
    @ValueSource(strings = {"register", "cas-register", "kv", "set", "counter", "queue", "unique-ids"})
    void correctStoreStaysValidUnderEveryFault(String workload) throws Exception {
        RunOutcome outcome = run("""
                name: faults-%s
                nodes: 5
                concurrency: 2n
                time-limit: 4s
                seed: 11
                workload: {name: %s, keys: %d, rate: 400/s, timeout: 500ms}
                nemesis: {faults: [partition, kill, pause, clock], interval: 300ms}
                final: {recovery: 500ms}
                """.formatted(workload, workload, workload.equals("kv") ? 4 : 1));
        JsonNode results = results(outcome);
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.VALID);
        assertThat(outcome.exitCode()).isZero();
        Set<String> nemesisOps = history(outcome).ops().stream().filter(Op::isNemesis).map(Op::f).collect(Collectors.toSet());
        assertThat(nemesisOps).as("faults injected").hasSizeGreaterThanOrEqualTo(4);
        assertThat(results.path("ops").path("history-events").asLong()).isGreaterThan(500);
    }

    @Test
    void staleReadsBugIsFoundByTheRegisterWorkload() throws Exception {
        RunOutcome outcome = run("""
                name: stale-reads
                nodes: 5
                concurrency: 2n
                time-limit: 6s
                seed: 5
                db: {bugs: [stale-reads]}
                workload: {name: register, rate: 400/s}
                nemesis: {faults: [partition], interval: 1s, grudges: [one, halves]}
                """);
        JsonNode results = results(outcome);
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.INVALID);
        assertThat(outcome.exitCode()).isEqualTo(1);
        JsonNode counterexample = results.path("checkers").path("linearizable").path("counterexample");
        assertThat(counterexample.path("summary").asText()).contains("read");
        assertThat(results.path("why").asText()).startsWith("linearizable: not linearizable");
        assertThat(java.time.Instant.parse(results.path("origin").asText())).isAfterOrEqualTo(java.time.Instant.parse(results.path("started").asText()));
        for (String file : List.of("report.html", "report.css", "counterexample.svg", "latency-raw.svg", "timeline.svg", "history.edn")) {
            assertThat(outcome.dir().path().resolve(file)).as("every run writes its report").isRegularFile();
        }
    }

    @Test
    void ackBeforeReplicateLosesAcknowledgedAddsWhenThePrimaryDies() throws Exception {
        RunOutcome outcome = run("""
                name: ack-before-replicate
                nodes: 3
                concurrency: 2n
                time-limit: 6s
                seed: 3
                db: {bugs: [ack-before-replicate]}
                workload: {name: set, rate: 400/s}
                nemesis: {faults: [kill], interval: 300ms}
                final: {recovery: 500ms}
                """);
        JsonNode results = results(outcome);
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.INVALID);
        assertThat(results.path("checkers").path("set").path("lost-count").asLong()).isPositive();
    }

    @Test
    void splitBrainHandsOutDuplicateIds() throws Exception {
        RunOutcome outcome = run("""
                name: split-brain
                nodes: 5
                concurrency: 2n
                time-limit: 4s
                seed: 9
                db: {bugs: [split-brain]}
                workload: {name: unique-ids, rate: 400/s}
                nemesis: {faults: [partition], interval: 500ms, grudges: [halves]}
                """);
        JsonNode results = results(outcome);
        assertThat(outcome.verdict()).as(results.toPrettyString()).isEqualTo(Verdict.INVALID);
        assertThat(results.path("checkers").path("unique-ids").path("duplicated-count").asLong()).isPositive();
    }

    @Test
    void sameSeedReplaysTheSameOperationsAndFaults() throws Exception {
        String yaml = """
                name: replay
                nodes: 3
                concurrency: 2n
                time-limit: 2s
                workload: {name: cas-register, keys: 3, rate: 300/s}
                nemesis: {faults: [partition, clock], interval: 200ms}
                final: {recovery: 0s}
                """;
        RunOutcome first = run(yaml, "seed=42");
        RunOutcome second = run(yaml, "seed=42");
        RunOutcome other = run(yaml, "seed=43");
        List<String> a = operations(first, false), b = operations(second, false), c = operations(other, false);
        assertThat(Math.min(a.size(), b.size())).isGreaterThan(220);
        // Ops sent in one batch to different agents are stamped there in either order, so the recorded
        // order may swap neighbours, and each key's group of threads replays its own ops exactly while how
        // the groups interleave follows the timing; the generator's own order is exact (GeneratorsTest).
        assertThat(multisetDistance(a.subList(0, 200), b.subList(0, 200))).isLessThanOrEqualTo(12);
        assertThat(multisetDistance(a.subList(0, 200), c.subList(0, 200))).isGreaterThan(40);
        List<String> nemesisA = operations(first, true), nemesisB = operations(second, true);
        assertThat(Math.min(nemesisA.size(), nemesisB.size())).isGreaterThanOrEqualTo(6);
        assertThat(nemesisB.subList(0, 6)).isEqualTo(nemesisA.subList(0, 6));
        assertThat(operations(other, true).subList(0, 6)).isNotEqualTo(nemesisA.subList(0, 6));
        assertThat(results(first).path("seed").asLong()).isEqualTo(42);
    }

    /** How many ops one list has that the other lacks, counting repeats: 0 for the same ops in any order. */
    private static int multisetDistance(List<String> x, List<String> y) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        x.forEach(op -> counts.merge(op, 1, Integer::sum));
        y.forEach(op -> counts.merge(op, -1, Integer::sum));
        return counts.values().stream().mapToInt(Math::abs).sum();
    }

    /**
     * Client operations, or nemesis actions, in the order they were issued, without processes or times.
     * (How the two streams interleave depends on timing; each stream on its own depends on the seed only.)
     */
    private static List<String> operations(RunOutcome outcome, boolean nemesis) throws Exception {
        return History.read(outcome.dir().history(), HistoryFormat.JSONL).ops().stream()
                .filter(op -> op.isInvoke() && op.isNemesis() == nemesis)
                .sorted(java.util.Comparator.comparingLong(Op::time))
                .map(op -> op.f() + " " + op.key() + " " + op.value())
                .toList();
    }

    @Test
    void failedNemesisActionIsRecordedAndMakesTheVerdictUnknown() throws Exception {
        LoadedConfig config = load("""
                name: broken-nemesis
                nodes: 3
                time-limit: 2s
                workload: {name: register, rate: 200/s}
                nemesis: {faults: [clock], interval: 300ms}
                """);
        RunOutcome outcome = new RunLauncher(config, store).withNodeRuntimes(runtime -> new NodeRuntime(runtime.db(), new BrokenClock(runtime.faults()))).run();
        assertThat(outcome.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(results(outcome).path("why").asText())
                .startsWith("the nemesis failed: the system was not under stress; re-run").contains("clock hardware on fire");
        assertThat(history(outcome).ops()).anySatisfy(op -> {
            assertThat(op.isNemesis()).isTrue();
            assertThat(op.type().wireName()).isEqualTo("info");
            assertThat(op.error()).contains("clock hardware on fire");
        });
    }

    @Test
    void faultTheNodesCannotInjectIsAConfigError() throws Exception {
        RunOutcome outcome = run("""
                name: no-packet-faults
                nodes: 3
                time-limit: 2s
                workload: {name: register}
                nemesis: {faults: [packet]}
                """);
        assertThat(outcome.exitCode()).isEqualTo(254);
        assertThat(outcome.summary()).contains("nemesis.faults").contains("packet");
    }

    @Test
    void checkReanalysesAStoredRun() throws Exception {
        RunOutcome outcome = run("""
                name: recheck
                nodes: 3
                time-limit: 1s
                workload: {name: register, rate: 200/s}
                """);
        StringWriter out = new StringWriter();
        int exit = Faultline.commandLine().setOut(new PrintWriter(out)).execute("check", outcome.dir().path().toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("history.jsonl valid");
        assertThat(outcome.dir().path().resolve("report.html")).as("check of a run directory writes its report").isRegularFile();

        java.nio.file.Files.delete(outcome.dir().path().resolve("report.html"));
        StringWriter reported = new StringWriter();
        exit = Faultline.commandLine().setOut(new PrintWriter(reported)).execute("report", outcome.dir().path().toString());
        assertThat(exit).isZero();
        assertThat(reported.toString().trim()).isEqualTo(outcome.dir().path().resolve("report.html").toString());
        assertThat(java.nio.file.Files.readString(outcome.dir().path().resolve("report.html"))).contains("word-valid");
    }

    @Test
    void runInWhichEveryOperationFailsIsUnknownNotValid() throws Exception {
        LoadedConfig config = load("""
                name: nothing-tested
                nodes: 3
                time-limit: 1s
                workload: {name: register, rate: 200/s}
                """);
        RunOutcome outcome = new RunLauncher(config, store)
                .withNodeRuntimes(runtime -> new NodeRuntime(new DeadOnArrival(runtime.db()), runtime.faults())).run();

        Results results = Results.read(outcome.dir().results());
        assertThat(outcome.verdict()).as(Results.toJson(results)).isEqualTo(Verdict.UNKNOWN);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(results.why()).isEqualTo("stats: no read or write ever succeeded: the system was never tested");
        assertThat(results.checkers().get("linearizable").valid()).as("failed ops alone are linearizable").isEqualTo(Verdict.VALID);
        assertThat(results.ops().byF().get("read")).containsKey("fail").doesNotContainKey("ok");
        assertThat(results.clocks()).as("each node's clock estimate").containsOnlyKeys("n1", "n2", "n3");
        assertThat(results.clocks().get("n1").uncertaintyNanos()).isPositive();

        StringWriter out = new StringWriter();
        int exit = Faultline.commandLine().setOut(new PrintWriter(out)).execute("check", outcome.dir().path().toString());
        assertThat(exit).as("check of the stored run agrees").isEqualTo(2);
        assertThat(out.toString()).contains("history.jsonl unknown").contains("no read or write ever succeeded");
    }

    @Test
    void checkerThatThrowsIsUnknownAndTheRunStillWritesItsResults() throws Exception {
        Checker broken = new Checker() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckResult check(History history) {
                throw new ClassCastException("class java.lang.Long cannot be cast to class Text");
            }
        };
        RunOutcome outcome = new RunLauncher(load("""
                name: broken-checker
                nodes: 3
                time-limit: 1s
                workload: {name: register, rate: 200/s}
                """), store).withChecker(broken).run();

        assertThat(outcome.exitCode()).isEqualTo(2);
        Results results = Results.read(outcome.dir().results());
        assertThat(results.checkers()).containsOnlyKeys("linearizable", "broken", "stats");
        assertThat(results.checkers().get("linearizable").valid()).isEqualTo(Verdict.VALID);
        assertThat(results.checkers().get("stats").valid()).isEqualTo(Verdict.VALID);
        assertThat(results.checkers().get("broken").details()).containsEntry("error",
                "the broken checker failed: ClassCastException: class java.lang.Long cannot be cast to class Text");
        assertThat(results.why()).isEqualTo("broken: the broken checker failed: ClassCastException: class java.lang.Long cannot be cast to class Text");
    }

    @ParameterizedTest(name = "checker.linearizable is refused for the {0} workload")
    @ValueSource(strings = {"set", "counter", "queue", "unique-ids", "noop"})
    void linearizabilityOptionsForAWorkloadWithoutAModelAreRefused(String workload) throws Exception {
        RunLauncher launcher = new RunLauncher(load("""
                name: no-model
                nodes: 3
                time-limit: 1s
                workload: {name: %s}
                checker: {linearizable: {time-limit: 10s}}
                """.formatted(workload)), store);

        assertThatThrownBy(launcher::run).isInstanceOf(ConfigProblem.class).hasMessage("checker.linearizable: the "
                + workload + " workload has no model to check linearizability against; remove checker.linearizable,"
                + " or use a workload that has one: register, cas-register, kv");
        assertThat(store).isEmptyDirectory();
    }

    /** A database that is down from the start: every operation fails. */
    private record DeadOnArrival(Db delegate) implements Db {
        @Override
        public Future<Void> setup() {
            return delegate.setup().compose(v -> delegate.kill());
        }

        @Override
        public Future<Void> teardown() {
            return delegate.teardown();
        }

        @Override
        public Future<Void> kill() {
            return delegate.kill();
        }

        @Override
        public Future<Void> start() {
            return delegate.start();
        }

        @Override
        public Future<Void> pause() {
            return delegate.pause();
        }

        @Override
        public Future<Void> resume() {
            return delegate.resume();
        }

        @Override
        public List<Path> logFiles() {
            return delegate.logFiles();
        }
    }

    /** A clock fault applier that always fails: the nemesis failure path, through our own seam. */
    private record BrokenClock(FaultApplier delegate) implements FaultApplier {
        @Override
        public Set<String> supportedKinds() {
            return delegate.supportedKinds();
        }

        @Override
        public Future<Void> apply(Fault fault) {
            return fault instanceof ClockFamily.ClockOffset ? Future.failedFuture("clock hardware on fire") : delegate.apply(fault);
        }

        @Override
        public Future<Void> heal(String kind) {
            return delegate.heal(kind);
        }
    }
}
