package io.faultline.control;

import io.faultline.generator.Generators;
import io.faultline.generator.Ops;
import io.faultline.history.OpType;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RehearsalTest {
    private static final List<String> NODES = List.of("n1", "n2");
    private final Vertx vertx = Vertx.vertx();
    private final Addresses addresses = new Addresses("run-1");
    private final Map<String, AtomicInteger> rehearsedOn = new ConcurrentHashMap<>();

    /** Each node answers as an agent does: every op invoked and ok at once, one batch of events per batch of ops. */
    @BeforeEach
    void agents() {
        RecordCodec.registerAll(vertx.eventBus());
        for (String node : NODES) {
            rehearsedOn.put(node, new AtomicInteger());
            vertx.eventBus().<InvokeBatch>consumer(addresses.agentRehearsal(node), message -> {
                List<Event> events = new ArrayList<>();
                for (Invoke op : message.body().ops()) {
                    rehearsedOn.get(node).incrementAndGet();
                    events.add(new Event(op.thread(), op.process(), OpType.INVOKE, op.f(), op.key(), op.value(), null, System.nanoTime()));
                    events.add(new Event(op.thread(), op.process(), OpType.OK, op.f(), op.key(), op.value(), null, System.nanoTime()));
                }
                vertx.eventBus().send(addresses.controlRehearsal(), new EventBatch(node, 0, events));
            });
        }
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void rehearsesOnEveryNodeUntilTheSetUpIsDoneAndThenSendsNothingMore() throws Exception {
        Promise<String> setUp = Promise.promise();
        CompletableFuture<String> done = rehearse(setUp.future(), Duration.ofSeconds(30));
        vertx.setTimer(300, id -> setUp.complete("db ready"));

        assertThat(done.get(10, TimeUnit.SECONDS)).as("the set-up's own result").isEqualTo("db ready");
        int sent = rehearsed();
        assertThat(rehearsedOn.get("n1").get()).as("ops rehearsed on n1").isPositive();
        assertThat(rehearsedOn.get("n2").get()).as("ops rehearsed on n2").isPositive();
        Thread.sleep(300);
        assertThat(rehearsed()).as("ops sent after the set-up was done").isEqualTo(sent);
    }

    @Test
    void endsAtItsLimitWhenTheSetUpTakesLonger() throws Exception {
        Promise<String> setUp = Promise.promise();
        CompletableFuture<String> done = rehearse(setUp.future(), Duration.ofMillis(200));
        Thread.sleep(700);
        int sent = rehearsed();
        assertThat(sent).isPositive();
        Thread.sleep(300);
        assertThat(rehearsed()).as("ops sent past the limit").isEqualTo(sent);
        assertThat(done).as("the phase still waits for its set-up").isNotDone();
        vertx.runOnContext(v -> setUp.complete("late"));
        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("late");
    }

    @Test
    void aFailedSetUpFailsWithItsOwnCause() {
        CompletableFuture<String> done = rehearse(Future.failedFuture("etcd did not start"), Duration.ofSeconds(30));
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).hasMessageContaining("etcd did not start");
    }

    private CompletableFuture<String> rehearse(Future<String> setUp, Duration limit) {
        CompletableFuture<String> done = new CompletableFuture<>();
        vertx.runOnContext(v -> new Rehearsal(vertx, vertx.getOrCreateContext(), addresses, thread -> NODES.get(thread % NODES.size()),
                new ClockSync(null, 0), 0, limit)
                .during(setUp, Generators.repeat(Ops.op("write", 1L)), 4)
                .onComplete(result -> {
                    if (result.succeeded()) done.complete(result.result());
                    else done.completeExceptionally(result.cause());
                }));
        return done;
    }

    private int rehearsed() {
        return rehearsedOn.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
