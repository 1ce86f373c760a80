package io.faultline.agent.node;

import io.faultline.agent.Db;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Heartbeat;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ControlWatchTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger teardowns = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAgentStaysWhileTheControlBeatsAndLeavesWhenItFallsSilent() throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        vertx.deployVerticle(new VerticleBase() {
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long beating = vertx.setPeriodic(50, id -> vertx.eventBus().publish(new Addresses("r1").heartbeat(), new Heartbeat()));
        Future<Void> left = ControlWatch.leaveWhenSilent(vertx, "r1", "n1", db(), 400);

        Thread.sleep(1200);
        assertThat(left.isComplete()).as("heartbeats keep the agent in the run").isFalse();
        assertThat(vertx.deploymentIDs()).hasSize(1);

        vertx.cancelTimer(beating);
        left.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(vertx.deploymentIDs()).as("the agent left the silent run").isEmpty();
        assertThat(teardowns).as("and stopped its database").hasValue(1);
    }

    private Db db() {
        return new Db() {
            public Future<Void> setup() { return Future.succeededFuture(); }
            public Future<Void> teardown() { teardowns.incrementAndGet(); return Future.succeededFuture(); }
            public Future<Void> kill() { return Future.succeededFuture(); }
            public Future<Void> start() { return Future.succeededFuture(); }
            public Future<Void> pause() { return Future.succeededFuture(); }
            public Future<Void> resume() { return Future.succeededFuture(); }
            public List<Path> logFiles() { return List.of(); }
        };
    }
}
