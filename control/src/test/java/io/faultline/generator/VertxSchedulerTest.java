package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.faultline.generator.Generators.clients;
import static io.faultline.generator.Generators.delay;
import static io.faultline.generator.Generators.limit;
import static io.faultline.generator.Generators.repeat;
import static io.faultline.generator.Ops.op;
import static io.faultline.generator.Sim.ms;
import static org.assertj.core.api.Assertions.assertThat;

class VertxSchedulerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void tasksNeverRunBeforeTheirTime() throws Exception {
        VertxScheduler scheduler = new VertxScheduler(vertx, System.nanoTime());
        CompletableFuture<Long> ranAt = new CompletableFuture<>();
        long target = scheduler.now() + 2_500_000;

        vertx.runOnContext(v -> scheduler.at(target, () -> ranAt.complete(scheduler.now())));

        assertThat(ranAt.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(target);
    }

    @Test
    void runnerDrivesAGeneratorOnAnEventLoop() throws Exception {
        List<Op> invoked = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            VertxScheduler scheduler = new VertxScheduler(vertx, System.nanoTime());
            GeneratorRunner[] runner = new GeneratorRunner[1];
            Dispatcher worker = (thread, op) -> {
                invoked.add(op);
                vertx.setTimer(2, id -> runner[0].complete(new Op(-1, scheduler.now(), OpType.OK, op.process(),
                        op.f(), op.value(), null, null, null, null)));
            };
            runner[0] = new GeneratorRunner(limit(5, delay(Duration.ofMillis(20), clients(repeat(op("a", null))))),
                    2, scheduler, worker);
            runner[0].onDone(() -> done.complete(scheduler.now()));
            runner[0].start();
        });

        long finishedAt = done.get(10, TimeUnit.SECONDS);

        assertThat(invoked).hasSize(5);
        for (int i = 1; i < invoked.size(); i++) {
            assertThat(invoked.get(i).time() - invoked.get(i - 1).time()).isGreaterThanOrEqualTo(ms(20));
        }
        assertThat(finishedAt).isGreaterThanOrEqualTo(ms(80));
    }
}
