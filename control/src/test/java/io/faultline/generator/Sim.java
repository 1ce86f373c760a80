package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Shorthands for the tests: simulations with fixed latency and ok outcomes, and views of their histories. */
final class Sim {
    static final Duration LATENCY = Duration.ofMillis(10);
    static final long MAX_OPS = 100_000;

    private Sim() {
    }

    static List<Op> history(Generator gen, int concurrency) {
        return history(gen, concurrency, op -> LATENCY);
    }

    static List<Op> history(Generator gen, int concurrency, Function<Op, Duration> latency) {
        return GeneratorSimulator.simulate(gen, concurrency, latency, op -> OpType.OK, MAX_OPS);
    }

    static List<Op> invocations(List<Op> history) {
        return history.stream().filter(Op::isInvoke).toList();
    }

    static List<Op> invocations(Generator gen, int concurrency) {
        return invocations(history(gen, concurrency));
    }

    static List<String> fs(List<Op> ops) {
        return ops.stream().map(Op::f).toList();
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    static long ms(int n) {
        return n * 1_000_000L;
    }
}
