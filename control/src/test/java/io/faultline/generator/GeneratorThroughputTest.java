package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.faultline.generator.Generators.any;
import static io.faultline.generator.Generators.clients;
import static io.faultline.generator.Generators.cycle;
import static io.faultline.generator.Generators.fn;
import static io.faultline.generator.Generators.mix;
import static io.faultline.generator.Generators.nemesis;
import static io.faultline.generator.Generators.once;
import static io.faultline.generator.Generators.seq;
import static io.faultline.generator.Generators.sleep;
import static io.faultline.generator.Generators.stagger;
import static io.faultline.generator.Ops.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Measures how many ops per second the runner drives in virtual time; prints the figures, asserts only that it ran. */
class GeneratorThroughputTest {
    private static final int OPS = 500_000;

    @Test
    void measuresSimulatedThroughput() {
        for (int round = 0; round < 3; round++) {
            report("simulate, 10 clients + nemesis, 1 ms latency", measureSimulation());
        }
        for (int round = 0; round < 3; round++) {
            report("runner only, 100 clients, completions inside invoke", measureRunner());
        }
    }

    private static double measureSimulation() {
        long start = System.nanoTime();
        List<Op> history = GeneratorSimulator.simulate(workload(7), 10, op -> Duration.ofMillis(1),
                op -> OpType.OK, OPS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(history.stream().filter(Op::isInvoke).count()).isEqualTo(OPS);
        return OPS / seconds;
    }

    private static double measureRunner() {
        VirtualScheduler scheduler = new VirtualScheduler();
        GeneratorRunner[] runner = new GeneratorRunner[1];
        long[] dispatched = {0};
        Dispatcher immediate = (thread, op) -> {
            if (++dispatched[0] == OPS) runner[0].stop();
            runner[0].complete(new Op(-1, scheduler.now(), OpType.OK, op.process(), op.f(), op.value(), op.key(),
                    null, null, null));
        };
        runner[0] = new GeneratorRunner(clients(workload(9)), 100, scheduler, immediate);
        long start = System.nanoTime();
        runner[0].start();
        scheduler.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(runner[0].emitted()).isEqualTo(OPS);
        return OPS / seconds;
    }

    private static Generator workload(long seed) {
        Rng root = Rng.seeded(seed);
        Generator clientOps = stagger(root.fork(), Duration.ofNanos(500), mix(root.next().fork(),
                fn(root.next().next().fork(), (rng, ctx) -> op("write", rng.below(8), rng.next().below(100))),
                fn(root.next().next().next().fork(), (rng, ctx) -> op("read", rng.below(8), null))));
        Generator faults = cycle(seq(sleep(Duration.ofSeconds(1)), once(op("start", null)),
                sleep(Duration.ofSeconds(1)), once(op("stop", null))));
        return any(clients(clientOps), nemesis(faults));
    }

    private static void report(String what, double opsPerSecond) {
        System.out.printf("generator throughput (%s): %,.0f ops/s%n", what, opsPerSecond);
    }
}
