package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.faultline.generator.Generators.clients;
import static io.faultline.generator.Generators.delay;
import static io.faultline.generator.Generators.fn;
import static io.faultline.generator.Generators.limit;
import static io.faultline.generator.Generators.mix;
import static io.faultline.generator.Generators.nemesis;
import static io.faultline.generator.Generators.repeat;
import static io.faultline.generator.Generators.stagger;
import static io.faultline.generator.Ops.op;
import static io.faultline.generator.Sim.invocations;
import static io.faultline.generator.Sim.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorRunnerTest {
    private static final Op A = op("a", null);

    /** A runner in virtual time whose invocations wait for the test to complete them. */
    private static final class Manual {
        final VirtualScheduler scheduler = new VirtualScheduler();
        final List<Op> invoked = new ArrayList<>();
        final AtomicInteger doneCalls = new AtomicInteger();
        final GeneratorRunner runner;

        Manual(Generator gen, int concurrency) {
            runner = new GeneratorRunner(gen, concurrency, scheduler, (thread, op) -> invoked.add(op));
            runner.onDone(doneCalls::incrementAndGet);
        }

        void complete(int i, OpType type) {
            Op op = invoked.get(i);
            runner.complete(new Op(-1, scheduler.now(), type, op.process(), op.f(), op.value(), op.key(), null, null, null));
        }
    }

    @Test
    void runnerFinishesWhenExhaustedAndDrained() {
        Manual m = new Manual(clients(repeat(3, A)), 2);

        m.runner.start();
        m.scheduler.run();
        assertThat(m.invoked).hasSize(2);

        m.complete(0, OpType.OK);
        assertThat(m.invoked).hasSize(3);
        m.complete(1, OpType.OK);
        assertThat(m.doneCalls).hasValue(0);

        m.complete(2, OpType.FAIL);
        assertThat(m.doneCalls).hasValue(1);
        assertThat(m.runner.isDone()).isTrue();
        assertThat(m.runner.emitted()).isEqualTo(3);

        AtomicInteger late = new AtomicInteger();
        m.runner.onDone(late::incrementAndGet);
        assertThat(late).hasValue(1);
    }

    @Test
    void runnerDispatchesEveryDueOpAtOnce() {
        Manual m = new Manual(clients(repeat(A)), 5);

        m.runner.start();

        assertThat(m.invoked).extracting(Op::process).containsExactly(0, 1, 2, 3, 4);
        assertThat(m.invoked).extracting(Op::time).containsOnly(0L);
    }

    @Test
    void runnerAcceptsCompletionsInAnyOrder() {
        Manual m = new Manual(clients(repeat(6, A)), 3);
        m.runner.start();

        m.complete(2, OpType.OK);
        m.complete(0, OpType.OK);
        m.complete(1, OpType.OK);

        assertThat(m.invoked).extracting(Op::process).containsExactly(0, 1, 2, 2, 0, 1);
        m.complete(5, OpType.OK);
        m.complete(3, OpType.OK);
        m.complete(4, OpType.OK);
        assertThat(m.doneCalls).hasValue(1);
    }

    @Test
    void runnerRejectsACompletionWithoutAnOutstandingOp() {
        Manual m = new Manual(clients(repeat(1, A)), 2);
        m.runner.start();

        assertThatThrownBy(() -> m.runner.complete(Op.ok(1, "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process 1");
        assertThatThrownBy(() -> m.runner.complete(Op.invoke(0, "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a completion");
    }

    @Test
    void stopEmitsNothingMoreAndFinishesWhenOutstandingOpsComplete() {
        Manual m = new Manual(clients(repeat(A)), 2);
        m.runner.start();

        m.runner.stop();
        m.complete(0, OpType.OK);
        assertThat(m.invoked).hasSize(2);
        assertThat(m.doneCalls).hasValue(0);

        m.complete(1, OpType.INFO);
        assertThat(m.doneCalls).hasValue(1);
    }

    @Test
    void infoRetiresTheProcess() {
        Function<Op, OpType> infoOnThreadZero = op -> op.process() % 2 == 0 ? OpType.INFO : OpType.OK;

        List<Op> ops = invocations(GeneratorSimulator.simulate(limit(8, clients(repeat(A))), 2,
                op -> Sim.LATENCY, infoOnThreadZero, 100));

        assertThat(ops).extracting(Op::process).containsExactly(0, 1, 2, 1, 4, 1, 6, 1);
    }

    @Test
    void nemesisKeepsItsProcessAfterInfo() {
        List<Op> ops = invocations(GeneratorSimulator.simulate(nemesis(repeat(3, A)), 2,
                op -> Sim.LATENCY, op -> OpType.INFO, 100));

        assertThat(ops).extracting(Op::process).containsOnly(Op.NEMESIS).hasSize(3);
    }

    @Test
    void atMostOneOutstandingOpPerThread() {
        int concurrency = 4;
        Generator gen = limit(2_000, clients(stagger(Rng.seeded(1), Duration.ofMillis(1),
                fn(Rng.seeded(2), (rng, ctx) -> op("w", rng.below(10))))));
        Function<Op, OpType> outcome = op -> ((Integer) op.value()) == 0 ? OpType.INFO : OpType.OK;

        List<Op> history = GeneratorSimulator.simulate(gen, concurrency, op -> Duration.ofMillis(1 + (Integer) op.value()),
                outcome, 10_000);

        assertThat(invocations(history)).hasSize(2_000);
        Map<Integer, Op> outstandingByThread = new HashMap<>();
        for (Op op : history) {
            int thread = op.process() % concurrency;
            if (op.isInvoke()) {
                assertThat(outstandingByThread.put(thread, op)).as("outstanding before %s", op).isNull();
            } else {
                assertThat(outstandingByThread.remove(thread)).as("invocation of %s", op).isNotNull()
                        .extracting(Op::process).isEqualTo(op.process());
            }
        }
        assertThat(outstandingByThread).isEmpty();
    }

    @Test
    void sameSeedGivesTheSameOperations() {
        List<String> fast = operations(42, op -> Duration.ofMillis(1));
        List<String> slowAndUneven = operations(42, op -> Duration.ofMillis(3 + 17L * (op.process() % 3)));

        assertThat(fast).hasSize(500);
        assertThat(slowAndUneven).isEqualTo(fast);
        assertThat(operations(43, op -> Duration.ofMillis(1))).isNotEqualTo(fast);
    }

    private static List<String> operations(long seed, Function<Op, Duration> latency) {
        Rng root = Rng.seeded(seed);
        Generator gen = limit(500, clients(stagger(root.fork(), Duration.ofMillis(2), mix(root.next().fork(),
                fn(root.next().next().fork(), (rng, ctx) -> op("write", rng.below(5), rng.next().below(100))),
                fn(root.next().next().next().fork(), (rng, ctx) -> op("read", rng.below(5), null)),
                repeat(op("cas", 0, List.of(1, 2)))))));
        return invocations(GeneratorSimulator.simulate(gen, 5, latency, op -> OpType.OK, 10_000)).stream()
                .map(op -> op.f() + " " + op.key() + " " + op.value())
                .toList();
    }

    @Test
    void runnerSetsOneTimerPerFutureOp() {
        VirtualScheduler virtual = new VirtualScheduler();
        AtomicInteger timers = new AtomicInteger();
        Scheduler counting = new Scheduler() {
            @Override
            public long now() {
                return virtual.now();
            }

            @Override
            public void at(long nanos, Runnable task) {
                timers.incrementAndGet();
                virtual.at(nanos, task);
            }
        };
        GeneratorRunner[] runner = new GeneratorRunner[1];
        Dispatcher completesAfterOneMilli = (thread, op) -> virtual.at(virtual.now() + ms(1),
                () -> runner[0].complete(new Op(-1, virtual.now(), OpType.OK, op.process(), op.f(), null, null, null, null, null)));
        runner[0] = new GeneratorRunner(limit(3, delay(Duration.ofSeconds(1), clients(repeat(A)))), 4, counting,
                completesAfterOneMilli);

        runner[0].start();
        virtual.run();

        assertThat(runner[0].emitted()).isEqualTo(3);
        assertThat(runner[0].isDone()).isTrue();
        assertThat(timers).hasValue(2);
    }

    @Test
    void synchronousCompletionsInsideTheDispatcherAreHandled() {
        VirtualScheduler scheduler = new VirtualScheduler();
        GeneratorRunner[] runner = new GeneratorRunner[1];
        Dispatcher immediate = (thread, op) ->
                runner[0].complete(new Op(-1, scheduler.now(), OpType.OK, op.process(), op.f(), null, null, null, null, null));
        runner[0] = new GeneratorRunner(limit(100_000, clients(repeat(A))), 1, scheduler, immediate);

        runner[0].start();

        assertThat(runner[0].emitted()).isEqualTo(100_000);
        assertThat(runner[0].isDone()).isTrue();
    }

    @Test
    void pendingGeneratorWithNothingRunningIsAskedAgainAsTimePasses() {
        Generator waitsFiveMillis = new Generator() {
            @Override
            public Step next(Context ctx) {
                return ctx.time() < ms(5) ? Step.pending(this) : Generators.once(A).next(ctx);
            }
        };

        List<Op> ops = invocations(waitsFiveMillis, 1);

        assertThat(ops).extracting(Op::time).containsExactly(ms(5));
    }

    @Test
    void anOpForABusyProcessIsAGeneratorBug() {
        Generator alwaysProcessZero = new Generator() {
            @Override
            public Step next(Context ctx) {
                return Step.emit(Op.invoke(0, "a", null).withTime(ctx.time()), this);
            }
        };
        Manual m = new Manual(alwaysProcessZero, 2);

        assertThatThrownBy(m.runner::start)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("busy");
    }

    @Test
    void anUnfilledTemplateIsAGeneratorBug() {
        Manual m = new Manual(ctx -> Step.emit(A, Generators.repeat(A)), 2);

        assertThatThrownBy(m.runner::start)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Ops.fillIn");
    }
}
