package io.faultline.agent;

import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.ProcessFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class NodeFaultsTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> network = new CopyOnWriteArrayList<>();
    private final List<String> db = new CopyOnWriteArrayList<>();
    private final NodeFaults faults = new NodeFaults(vertx, new RecordingDb(), new RecordingNetwork());

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void strobeFlipsTheClockOffsetUntilHealed() throws Exception {
        await(faults.apply(new ClockFamily.ClockStrobe(1_500, 10)));
        Thread.sleep(120);
        await(faults.heal("clock"));
        List<String> seen = List.copyOf(network);
        assertThat(seen.get(0)).isEqualTo("offset 1500");
        assertThat(seen).contains("offset 0").endsWith("heal clock");
        assertThat(seen.stream().filter(s -> s.startsWith("offset")).count()).isGreaterThanOrEqualTo(5);
        Thread.sleep(60);
        assertThat(network).as("no flips after the heal").hasSize(seen.size());
    }

    @Test
    void killAndPauseGoToTheDatabaseAndHealRestartsAndResumes() throws Exception {
        await(faults.apply(new ProcessFamily.Kill()));
        await(faults.apply(new ProcessFamily.Pause()));
        await(faults.heal("kill"));
        await(faults.heal("pause"));
        assertThat(db).containsExactly("kill", "pause", "start", "resume");
        assertThat(network).isEmpty();
        assertThat(faults.supportedKinds()).contains("kill", "pause", "clock", "partition");
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private final class RecordingNetwork implements FaultApplier {
        public Set<String> supportedKinds() {
            return Set.of("partition", "clock");
        }

        public Future<Void> apply(Fault fault) {
            if (fault instanceof ClockFamily.ClockOffset c) network.add("offset " + c.offsetMillis());
            return Future.succeededFuture();
        }

        public Future<Void> heal(String kind) {
            network.add("heal " + kind);
            return Future.succeededFuture();
        }
    }

    private final class RecordingDb implements Db {
        public Future<Void> setup() {
            return Future.succeededFuture();
        }

        public Future<Void> teardown() {
            return Future.succeededFuture();
        }

        public Future<Void> kill() {
            db.add("kill");
            return Future.succeededFuture();
        }

        public Future<Void> start() {
            db.add("start");
            return Future.succeededFuture();
        }

        public Future<Void> pause() {
            db.add("pause");
            return Future.succeededFuture();
        }

        public Future<Void> resume() {
            db.add("resume");
            return Future.succeededFuture();
        }

        public List<Path> logFiles() {
            return List.of();
        }
    }
}
