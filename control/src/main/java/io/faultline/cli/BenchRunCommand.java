package io.faultline.cli;

import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.run.Results;
import io.faultline.control.RunLauncher;
import io.faultline.run.RunOutcome;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a test and print the engine's figures: end-to-end operations per second during the",
                "run phase (completions recorded in the history) and the control JVM's peak heap."})
final class BenchRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml")
    Path configFile;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Override time-limit.")
    String timeLimit;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override any config value (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store")
    Path store;

    /**
     * Nemesis decision (invocation) to done on every target (completion): for faults, until the fault is in
     * force everywhere; for heals (a restart included) until everything is back. A start shows its targets in its
     * value; a stop shows nothing.
     */
    private static void printNemesisLatency(PrintWriter out, RunOutcome outcome) throws IOException, HistoryParseException {
        Map<String, Long> invokedAt = new HashMap<>();
        List<Long> faults = new ArrayList<>();
        List<Long> heals = new ArrayList<>();
        for (Op op : History.read(outcome.dir().history(), HistoryFormat.JSONL)) {
            if (!op.isNemesis()) continue;
            if (op.isInvoke()) {
                invokedAt.put(op.f(), op.time());
            } else if (op.type() == OpType.OK && invokedAt.containsKey(op.f())) {
                long micros = (op.time() - invokedAt.remove(op.f())) / 1_000;
                (op.value() != null ? faults : heals).add(micros);
            }
        }
        printQuantiles(out, "nemesis: decision to fault active on every target", faults);
        printQuantiles(out, "nemesis: decision to healed on every target (restarts included)", heals);
    }

    private static void printQuantiles(PrintWriter out, String what, List<Long> micros) {
        if (micros.isEmpty()) return;
        Collections.sort(micros);
        out.printf("%s: %d actions, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, micros.size(),
                micros.get(micros.size() / 2) / 1e3, micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1)) / 1e3,
                micros.get(micros.size() - 1) / 1e3);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (timeLimit != null) overrides.add(new ConfigLoader.Override("time-limit", timeLimit));
        for (String assignment : sets) overrides.add(ConfigLoader.Override.parse(assignment));
        LoadedConfig loaded = ConfigLoader.load(configFile, overrides, System.getenv());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 100, TimeUnit.MILLISECONDS);
        RunOutcome outcome;
        try {
            outcome = new RunLauncher(loaded, store).run();
        } finally {
            sampler.shutdownNow();
        }
        Results results = Results.read(outcome.dir().results());
        long runMs = results.phaseMs().getOrDefault("run", 0L);
        long completions = results.ops().completions();
        out.printf("test %s: %d nodes, concurrency %d, workload %s, client %s, provider %s%n", loaded.config().name(),
                loaded.config().nodes().size(), loaded.config().concurrency(), loaded.config().workload().name(),
                loaded.config().workload().client(), loaded.config().cluster().provider());
        out.printf("verdict: %s; run phase %d ms; %d operations completed%n", outcome.verdict().word(), runMs, completions);
        out.printf("control heap: peak %d MiB used of %d MiB max%n", peakHeap.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        long provision = results.phaseMs().getOrDefault("provision", 0L);
        long register = results.phaseMs().getOrDefault("register", 0L);
        out.printf("agents: all %d registered %d ms after the run started (provision %d ms + register %d ms)%n",
                loaded.config().nodes().size(), provision + register, provision, register);
        printNemesisLatency(out, outcome);
        out.printf("throughput: %.0f ops/s%n", completions * 1000.0 / Math.max(1, runMs));
        out.flush();
        return outcome.exitCode();
    }
}
