package io.faultline.generator;

import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.faultline.generator.Generators.any;
import static io.faultline.generator.Generators.clients;
import static io.faultline.generator.Generators.cycle;
import static io.faultline.generator.Generators.delay;
import static io.faultline.generator.Generators.eachThread;
import static io.faultline.generator.Generators.fn;
import static io.faultline.generator.Generators.limit;
import static io.faultline.generator.Generators.mix;
import static io.faultline.generator.Generators.nemesis;
import static io.faultline.generator.Generators.once;
import static io.faultline.generator.Generators.phases;
import static io.faultline.generator.Generators.rate;
import static io.faultline.generator.Generators.repeat;
import static io.faultline.generator.Generators.seq;
import static io.faultline.generator.Generators.sleep;
import static io.faultline.generator.Generators.stagger;
import static io.faultline.generator.Generators.synchronize;
import static io.faultline.generator.Generators.then;
import static io.faultline.generator.Generators.timeLimit;
import static io.faultline.generator.Ops.op;
import static io.faultline.generator.Sim.fs;
import static io.faultline.generator.Sim.history;
import static io.faultline.generator.Sim.invocations;
import static io.faultline.generator.Sim.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeneratorsTest {
    private static final Op A = op("a", null);
    private static final Op B = op("b", null);
    private static final Op C = op("c", null);

    @Test
    void onceEmitsOneOpFilledInWithTimeAndProcess() {
        List<Op> ops = invocations(once(op("write", "k", 3L)), 2);

        assertThat(ops).hasSize(1);
        Op op = ops.get(0);
        assertThat(op.f()).isEqualTo("write");
        assertThat(op.key()).isEqualTo("k");
        assertThat(op.value()).isEqualTo(3L);
        assertThat(op.time()).isZero();
        assertThat(op.process()).isZero();
    }

    @Test
    void unrestrictedOpsGoToClientThreadsBeforeTheNemesis() {
        List<Op> ops = invocations(limit(3, repeat(A)), 2);

        assertThat(ops).extracting(Op::process).containsExactly(0, 1, Op.NEMESIS);
    }

    @Test
    void repeatEmitsTheSameOpForever() {
        assertThat(fs(invocations(limit(50, repeat(A)), 3))).hasSize(50).containsOnly("a");
    }

    @Test
    void repeatWithACountStopsAfterThatMany() {
        assertThat(fs(invocations(repeat(3, A), 2))).containsExactly("a", "a", "a");
    }

    @Test
    void repeatKeepsToTheFirstOpOfItsGenerator() {
        Generator gen = limit(3, repeat(seq(once(A), once(B))));

        assertThat(fs(invocations(gen, 1))).containsExactly("a", "a", "a");
    }

    @Test
    void cycleStartsItsGeneratorAgainWhenExhausted() {
        Generator gen = limit(5, cycle(seq(once(A), once(B))));

        assertThat(fs(invocations(gen, 1))).containsExactly("a", "b", "a", "b", "a");
    }

    @Test
    void fnIsCalledForEveryOpUntilItReturnsNull() {
        Generator gen = fn(Rng.seeded(1), (rng, ctx) -> ctx.time() < ms(50) ? op("tick", ctx.time()) : null);

        List<Op> ops = invocations(clients(gen), 1);

        assertThat(ops).extracting(Op::value).containsExactly(0L, ms(10), ms(20), ms(30), ms(40));
    }

    @Test
    void fnDrawsFreshRandomnessForEveryOp() {
        Generator gen = limit(200, fn(Rng.seeded(1), (rng, ctx) -> op("write", rng.below(1_000_000))));

        Set<Object> values = invocations(clients(gen), 4).stream().map(Op::value).collect(Collectors.toSet());

        assertThat(values).hasSizeGreaterThan(195);
    }

    @Test
    void seqRunsGeneratorsOneAfterAnother() {
        Generator gen = seq(repeat(2, A), repeat(2, B), once(C));

        assertThat(fs(invocations(gen, 1))).containsExactly("a", "a", "b", "b", "c");
    }

    @Test
    void thenRunsTheSecondGeneratorAfterTheFirst() {
        assertThat(fs(invocations(then(once(A), repeat(2, B)), 3))).containsExactly("a", "b", "b");
    }

    @Test
    void mixDrawsFromEveryChild() {
        Generator gen = limit(600, mix(Rng.seeded(7), repeat(A), repeat(B), repeat(C)));

        Map<String, Long> counts = invocations(clients(gen), 5).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));

        assertThat(counts).containsOnlyKeys("a", "b", "c");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(150L, 250L));
    }

    @Test
    void mixDropsChildrenAsTheyAreExhausted() {
        Generator gen = mix(Rng.seeded(7), repeat(2, A), repeat(5, B));

        Map<String, Long> counts = invocations(clients(gen), 3).stream()
                .collect(Collectors.groupingBy(Op::f, Collectors.counting()));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 5L));
    }

    @Test
    void limitStopsAfterN() {
        assertThat(invocations(limit(7, clients(repeat(A))), 3)).hasSize(7);
    }

    @Test
    void timeLimitStopsEmittingAfterTheLimit() {
        Generator gen = phases(sleep(Duration.ofSeconds(5)), timeLimit(Duration.ofSeconds(1), clients(repeat(A))));

        List<Op> ops = invocations(gen, 2);

        // The limit counts from the first op, after the sleep: 100 rounds of 10 ms on 2 threads.
        assertThat(ops).hasSize(200);
        assertThat(ops.get(0).time()).isEqualTo(ms(5000));
        assertThat(ops).allSatisfy(op -> assertThat(op.time()).isLessThan(ms(6000)));
        assertThat(ops.get(ops.size() - 1).time()).isEqualTo(ms(5990));
    }

    @Test
    void delaySpacesOpsAtLeastThatFarApart() {
        Generator gen = limit(10, delay(Duration.ofMillis(100), clients(repeat(A))));

        List<Op> ops = invocations(gen, 5);

        assertThat(ops).hasSize(10);
        for (int i = 1; i < ops.size(); i++) {
            assertThat(ops.get(i).time() - ops.get(i - 1).time()).isEqualTo(ms(100));
        }
    }

    @Test
    void delayWaitsForAFreeThreadWhenOpsTakeLongerThanTheDelay() {
        Generator gen = limit(5, delay(Duration.ofMillis(1), clients(repeat(A))));

        List<Op> ops = invocations(gen, 1);

        assertThat(ops).extracting(Op::time).containsExactly(0L, ms(10), ms(20), ms(30), ms(40));
    }

    @Test
    void staggerAveragesTheRequestedRate() {
        Generator gen = limit(5_000, stagger(Rng.seeded(3), Duration.ofMillis(1), clients(repeat(A))));

        List<Op> ops = invocations(history(gen, 20, op -> Duration.ofMillis(2)));

        double meanGap = (double) (ops.get(ops.size() - 1).time() - ops.get(0).time()) / (ops.size() - 1);
        assertThat(meanGap).isCloseTo(ms(1), within(ms(1) * 0.05));
        for (int i = 1; i < ops.size(); i++) {
            assertThat(ops.get(i).time() - ops.get(i - 1).time()).isBetween(0L, ms(2));
        }
    }

    @Test
    void rateEmitsAboutThatManyOpsPerSecond() {
        Generator gen = timeLimit(Duration.ofSeconds(10), rate(Rng.seeded(5), 200, clients(repeat(A))));

        assertThat(invocations(history(gen, 10, op -> Duration.ofMillis(1)))).hasSizeBetween(1_900, 2_100);
    }

    @Test
    void sleepKeepsItsThreadBusyForTheDurationAndStaysOutOfTheHistory() {
        Generator gen = nemesis(seq(sleep(Duration.ofSeconds(1)), once(op("start", null)),
                sleep(Duration.ofSeconds(2)), once(op("stop", null))));

        List<Op> history = history(gen, 3);

        assertThat(history).extracting(Op::f).containsExactly("start", "start", "stop", "stop");
        assertThat(invocations(history)).extracting(Op::time).containsExactly(ms(1000), ms(3010));
        assertThat(history).allSatisfy(op -> assertThat(op.process()).isEqualTo(Op.NEMESIS));
    }

    @Test
    void phasesWaitForOutstandingOps() {
        Function<Op, Duration> slowerByProcess = op -> Duration.ofMillis(10L * (op.process() + 1));
        Generator gen = phases(clients(repeat(4, A)), clients(once(B)), clients(repeat(2, C)));

        List<Op> history = history(gen, 4, slowerByProcess);

        long lastACompletion = history.stream().filter(op -> op.f().equals("a") && !op.isInvoke())
                .mapToLong(Op::time).max().orElseThrow();
        Op b = invocations(history).stream().filter(op -> op.f().equals("b")).findFirst().orElseThrow();
        assertThat(b.time()).isEqualTo(lastACompletion).isEqualTo(ms(40));
        assertThat(invocations(history).stream().filter(op -> op.f().equals("c")))
                .allSatisfy(c -> assertThat(c.time()).isEqualTo(ms(50)));
    }

    @Test
    void synchronizeWaitsUntilEveryThreadIsFree() {
        Generator unsynchronized = clients(then(once(A), once(B)));
        Generator synchronizedGen = clients(then(once(A), synchronize(once(B))));

        assertThat(invocations(unsynchronized, 2)).extracting(Op::time).containsExactly(0L, 0L);
        assertThat(invocations(synchronizedGen, 2)).extracting(Op::time).containsExactly(0L, ms(10));
    }

    @Test
    void eachThreadGivesEveryThreadItsOwnCopy() {
        Generator gen = clients(eachThread(seq(once(A), once(B))));

        List<Op> ops = invocations(gen, 3);

        assertThat(ops).hasSize(6);
        Map<Integer, List<String>> byProcess = ops.stream().collect(Collectors.groupingBy(Op::process,
                Collectors.mapping(Op::f, Collectors.toList())));
        assertThat(byProcess).containsOnlyKeys(0, 1, 2);
        assertThat(byProcess.values()).allSatisfy(fs -> assertThat(fs).containsExactly("a", "b"));
    }

    @Test
    void eachThreadCopiesDrawTheSameRandomValues() {
        Generator gen = clients(eachThread(limit(3, fn(Rng.seeded(9), (rng, ctx) -> op("w", rng.below(1000))))));

        Map<Integer, List<Object>> byProcess = invocations(gen, 2).stream().collect(Collectors.groupingBy(
                Op::process, Collectors.mapping(Op::value, Collectors.toList())));

        assertThat(byProcess.get(0)).hasSize(3).isEqualTo(byProcess.get(1));
    }

    @Test
    void clientOpsNeverGoToTheNemesisThread() {
        assertThat(invocations(limit(100, clients(repeat(A))), 3))
                .hasSize(100)
                .allSatisfy(op -> assertThat(op.process()).isBetween(0, 2));
    }

    @Test
    void nemesisOpsOnlyGoToTheNemesisThread() {
        Generator gen = limit(200, any(clients(repeat(A)), nemesis(repeat(op("kill", null)))));

        List<Op> ops = invocations(gen, 3);

        assertThat(ops.stream().filter(op -> op.f().equals("kill")))
                .isNotEmpty()
                .allSatisfy(op -> assertThat(op.process()).isEqualTo(Op.NEMESIS));
        assertThat(ops.stream().filter(op -> op.f().equals("a")))
                .isNotEmpty()
                .allSatisfy(op -> assertThat(op.process()).isNotEqualTo(Op.NEMESIS));
    }

    @Test
    void anyEmitsTheSoonestOpOfItsChildren() {
        Generator gen = timeLimit(Duration.ofMillis(200), any(
                clients(delay(Duration.ofMillis(30), repeat(A))),
                nemesis(delay(Duration.ofMillis(50), repeat(B)))));

        List<Op> ops = invocations(gen, 2);

        assertThat(ops.stream().filter(op -> op.f().equals("a")).map(Op::time))
                .containsExactly(0L, ms(30), ms(60), ms(90), ms(120), ms(150), ms(180));
        assertThat(ops.stream().filter(op -> op.f().equals("b")).map(Op::time))
                .containsExactly(0L, ms(50), ms(100), ms(150));
        assertThat(ops).isSortedAccordingTo((x, y) -> Long.compare(x.time(), y.time()));
    }

    @Test
    void nextIsPure() {
        Generator gen = timeLimit(Duration.ofSeconds(1), any(
                clients(stagger(Rng.seeded(1), Duration.ofMillis(5),
                        mix(Rng.seeded(2), repeat(A), fn(Rng.seeded(3), (rng, ctx) -> op("w", rng.below(9)))))),
                nemesis(cycle(seq(sleep(Duration.ofSeconds(1)), once(B))))));
        Context ctx = Context.initial(3).withTime(ms(7)).busy(1);

        Step first = gen.next(ctx);
        Step second = gen.next(ctx);

        assertThat(second).isEqualTo(first);
        assertThat(first.op()).isNotNull();
        Set<Object> drawn = new HashSet<>();
        Generator g = gen;
        for (int i = 0; i < 20; i++) {
            Step step = g.next(ctx);
            drawn.add(step.op().f() + step.op().value());
            g = step.next();
        }
        assertThat(drawn).hasSizeGreaterThan(1);
    }
}
