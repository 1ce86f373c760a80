package io.faultline.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.json.Json;
import io.faultline.run.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checking the history while the run goes on: what the cut at the watermark keeps, and whole local runs. */
class LiveCheckTest {
    @TempDir
    Path store;

    private static Op op(long index, long time, OpType type, int process, String f, Object value) {
        return new Op(index, time, type, process, f, value, "k", "n1", null, null);
    }

    @Test
    void anOpStillOpenAtTheWatermarkStaysAnInvocationWithoutCompletion() {
        List<Op> ops = List.of(
                op(0, 10, OpType.INVOKE, 0, "write", 1L),
                op(1, 20, OpType.OK, 0, "write", 1L),
                op(2, 30, OpType.INVOKE, 1, "read", null),
                op(3, 40, OpType.INVOKE, 0, "write", 2L),
                op(4, 55, OpType.OK, 0, "write", 2L),
                op(5, 60, OpType.OK, 1, "read", 2L),
                op(6, 70, OpType.INVOKE, 0, "read", null));
        AnomalyWatch.Prefix prefix = AnomalyWatch.prefix(ops, 50);
        assertThat(prefix.ops()).extracting(Op::index).containsExactly(0L, 1L, 2L, 3L);
        assertThat(prefix.open()).isEqualTo(2);
        assertThat(AnomalyWatch.prefix(ops, 65).open()).isZero();
        assertThat(AnomalyWatch.prefix(ops, 5).ops()).isEmpty();
    }

    private RunOutcome run(LiveRun live, String yaml) throws Exception {
        LoadedConfig loaded = ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of());
        return new RunLauncher(loaded, store).withObserver(live).run();
    }

    @Test
    void staleReadsAreCaughtWhileTheRunGoesOnAndStopOnInvalidEndsItEarly() throws Exception {
        LiveRun live = new LiveRun(true);
        List<String> order = new ArrayList<>();
        live.subscribe(m -> {
            synchronized (order) {
                if (!m.droppable()) order.add(m.type());
            }
        });
        long t0 = System.nanoTime();
        RunOutcome outcome = run(live, """
                name: live-stale-reads
                nodes: 5
                concurrency: 2n
                time-limit: 120s
                seed: 5
                db: {name: sim, bugs: [stale-reads]}
                workload: {name: register, keys: 1, ops-per-key: 200, rate: 500/s, timeout: 1s}
                nemesis: {faults: [partition], interval: 1s, grudges: [halves, one, majority]}
                final: {recovery: 500ms}
                checker: {linearizable: {model: register, stop-on-invalid: true}}
                """);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(outcome.exitCode()).as(outcome.summary()).isEqualTo(1);
        assertThat(took).as("stop-on-invalid ends a 120 s run early").isLessThan(Duration.ofSeconds(60));
        assertThat(live.anomaly()).contains("not linearizable").contains("\"stopping\":true");
        synchronized (order) {
            assertThat(order).containsSubsequence("anomaly", "verdict");
            assertThat(order.indexOf("anomaly")).isLessThan(order.lastIndexOf("phase"));
        }
        JsonNode results = Json.MAPPER.readTree(outcome.dir().results().toFile());
        assertThat(results.get("phase-ms").has("final")).as("the final phase still runs").isTrue();
        assertThat(results.get("phase-ms").get("run").asLong()).isLessThan(60_000);
        assertThat(Files.readString(outcome.dir().controlLog())).contains("live check: anomaly").contains("stopping early");
    }

    @Test
    void aCorrectStoreUnderFaultsRaisesNoLiveAnomaly() throws Exception {
        LiveRun live = new LiveRun(true);
        List<String> checks = new ArrayList<>();
        live.subscribe(m -> {
            synchronized (checks) {
                if (m.type().equals("checker")) checks.add(m.json());
            }
        });
        RunOutcome outcome = run(live, """
                name: live-correct
                nodes: 5
                concurrency: 2n
                time-limit: 6s
                seed: 9
                workload: {name: cas-register, keys: 2, ops-per-key: 100, rate: 600/s, timeout: 500ms}
                nemesis: {faults: [partition, kill, pause], interval: 400ms}
                final: {recovery: 500ms}
                """);
        assertThat(outcome.verdict().word()).as(outcome.summary()).isEqualTo("valid");
        assertThat(live.anomaly()).isNull();
        synchronized (checks) {
            assertThat(checks).as("live checking ran rounds").isNotEmpty();
        }
    }
}
