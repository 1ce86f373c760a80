package io.faultline.control;

import io.faultline.generator.Generator;
import io.faultline.generator.GeneratorRunner;
import io.faultline.generator.Generators;
import io.faultline.generator.VertxScheduler;
import io.faultline.history.JsonlHistoryWriter;
import io.faultline.history.Op;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The run phase rehearsed while the database is being set up: the workload's generator, on a context of its own,
 * drives the run's concurrency against each agent's echo, which answers every op ok at once ({@link
 * Addresses#agentRehearsal}), and each answer is written as history to nowhere. The ops take the run's path —
 * batches per node and event-loop turn, the binary wire format, the clustered TLS event bus — but no client,
 * database, fault or history: the run itself is unchanged, and with no database to wait for there is no rehearsal.
 *
 * <p>Why: a fresh JVM interprets the op path and compiles it under load. On a 2-core machine the control's C2
 * compiler took more of the CPU than the event loops in the first seconds of the run phase, and the five agents each
 * compiled the same code with C1, so a 10 s run reached its full rate only in its last seconds. Setting up a database
 * leaves the cores idle for seconds; spent here, the first seconds of the run run at speed.
 */
final class Rehearsal {
    private static final Logger LOG = LoggerFactory.getLogger(Rehearsal.class);
    /** Enough for the op path's methods to pass the JIT's thresholds: their compiling goes on after, off the load. */
    static final Duration LIMIT = Duration.ofSeconds(3);
    private static final long ANSWER_GRACE_MS = 5_000;

    private final Vertx vertx;
    private final Context context;
    private final Addresses addresses;
    private final IntFunction<String> nodeOfThread;
    private final ClockSync clocks;
    private final long runStart;
    private final Duration limit;
    private final JsonlHistoryWriter nowhere = new JsonlHistoryWriter(Writer.nullWriter());
    private final TurnBatches outgoing;
    private GeneratorRunner runner;
    private MessageConsumer<EventBatch> answers;
    private boolean over;
    /** Batches sent and not yet answered. */
    private int unanswered;
    private long echoed;
    private long started;
    private long deadline;

    Rehearsal(Vertx vertx, Context context, Addresses addresses, IntFunction<String> nodeOfThread, ClockSync clocks, long runStart) {
        this(vertx, context, addresses, nodeOfThread, clocks, runStart, LIMIT);
    }

    Rehearsal(Vertx vertx, Context context, Addresses addresses, IntFunction<String> nodeOfThread, ClockSync clocks, long runStart,
              Duration limit) {
        this.limit = limit;
        this.vertx = vertx;
        this.context = context;
        this.addresses = addresses;
        this.nodeOfThread = nodeOfThread;
        this.clocks = clocks;
        this.runStart = runStart;
        this.outgoing = new TurnBatches(context, this::flush);
    }

    /**
     * Rehearses the client ops of {@code clients} on {@code concurrency} threads until {@code setUp} completes or the limit passes,
     * whichever is first, and completes as {@code setUp} does, once the rehearsal is over. Call on the control's context.
     */
    <T> Future<T> during(Future<T> setUp, Generator clients, int concurrency) {
        started = System.nanoTime();
        answers = vertx.eventBus().consumer(addresses.controlRehearsal(), message -> onAnswer(message.body()));
        runner = new GeneratorRunner(Generators.clients(clients), concurrency,
                new VertxScheduler(vertx, runStart), (thread, op) -> outgoing.add(nodeOfThread.apply(thread),
                new Invoke(thread, op.process(), op.f(), op.key(), op.value())));
        deadline = started + limit.toNanos();
        long timer = vertx.setTimer(limit.toMillis(), id -> end());
        guarded(runner::start);
        Promise<T> done = Promise.promise();
        setUp.onComplete(result -> context.runOnContext(v -> {
            vertx.cancelTimer(timer);
            end();
            done.handle(result);
        }));
        return done.future();
    }

    private void flush(Map<String, List<Invoke>> batch) {
        // A loaded event loop runs timers late; the clock is asked here too.
        if (System.nanoTime() - deadline >= 0) end();
        if (over) return;
        batch.forEach((node, ops) -> {
            unanswered++;
            vertx.eventBus().send(addresses.agentRehearsal(node), new InvokeBatch(ops, 0));
        });
    }

    private void onAnswer(EventBatch batch) {
        unanswered--;
        if (over) {
            if (unanswered == 0) answers.unregister();
            return;
        }
        guarded(() -> {
            for (Event e : batch.events()) {
                Op op = new Op(echoed, clocks.toRunTime(batch.node(), e.agentNanos()), e.type(), e.process(), e.f(), e.value(),
                        e.key(), batch.node(), e.error(), null);
                nowhere.append(op);
                if (op.type().isCompletion()) {
                    echoed++;
                    runner.complete(op);
                }
            }
            nowhere.flush();
        });
    }

    /** A rehearsal that trips over anything just ends: it is not the run, and the run will meet the same thing. */
    private void guarded(Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            LOG.debug("rehearsal: ended early: {}", e.toString());
            end();
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void end() {
        if (over) return;
        over = true;
        runner.stop();
        // Answers still on their way are dropped here rather than by an event bus that no longer knows the address.
        if (unanswered == 0) answers.unregister();
        else vertx.setTimer(ANSWER_GRACE_MS, id -> answers.unregister());
        LOG.info("rehearsal: {} ops echoed by the agents in {} ms while the database was set up", echoed,
                (System.nanoTime() - started) / 1_000_000);
    }
}
