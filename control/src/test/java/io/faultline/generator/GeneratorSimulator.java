package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Jepsen's {@code simulate}: runs a generator against imaginary workers in virtual time and returns the history it
 * would produce. It uses the real {@link GeneratorRunner}, so what it shows is what a run would do.
 */
public final class GeneratorSimulator {

    private GeneratorSimulator() {
    }

    /**
     * @param latency how long each invocation takes to complete
     * @param outcome the type of each invocation's completion: ok, fail or info
     * @param maxOps the most invocations to emit; the simulation then waits for them to complete
     * @return the invocations and completions, with virtual times and indexes, in time order; sleeps are not in it
     */
    public static List<Op> simulate(Generator gen, int concurrency, Function<Op, Duration> latency,
                                    Function<Op, OpType> outcome, long maxOps) {
        if (maxOps < 0) throw new IllegalArgumentException("negative maxOps: " + maxOps);
        VirtualScheduler scheduler = new VirtualScheduler();
        Workers workers = new Workers(scheduler, latency, outcome, maxOps);
        GeneratorRunner runner = new GeneratorRunner(gen, concurrency, scheduler, workers);
        workers.runner = runner;
        if (maxOps == 0) runner.stop();
        runner.start();
        scheduler.run();
        return workers.history;
    }

    /** Imaginary workers: each invocation completes after its latency with its outcome. */
    private static final class Workers implements Dispatcher {
        private final VirtualScheduler scheduler;
        private final Function<Op, Duration> latency;
        private final Function<Op, OpType> outcome;
        private final long maxOps;
        private final List<Op> history = new ArrayList<>();
        private GeneratorRunner runner;
        private long invocations;

        Workers(VirtualScheduler scheduler, Function<Op, Duration> latency, Function<Op, OpType> outcome, long maxOps) {
            this.scheduler = scheduler;
            this.latency = latency;
            this.outcome = outcome;
            this.maxOps = maxOps;
        }

        @Override
        public void invoke(int thread, Op invocation) {
            Op invoked = record(invocation.withTime(scheduler.now()));
            if (++invocations == maxOps) runner.stop();
            OpType type = outcome.apply(invoked);
            scheduler.at(scheduler.now() + latency.apply(invoked).toNanos(), () -> {
                Op completion = new Op(-1, scheduler.now(), type, invoked.process(), invoked.f(), invoked.value(),
                        invoked.key(), invoked.node(), null, null);
                runner.complete(record(completion));
            });
        }

        private Op record(Op op) {
            Op indexed = op.withIndex(history.size());
            history.add(indexed);
            return indexed;
        }
    }
}
