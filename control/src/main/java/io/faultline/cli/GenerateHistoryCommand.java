package io.faultline.cli;

import io.faultline.bench.SyntheticKvHistory;
import io.faultline.history.JsonlHistoryWriter;
import io.faultline.run.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic history of a simulated linearizable key-value store (read/write/cas per key) as JSONL,",
                "optionally with injected stale reads. Check it with: check --model cas-register FILE"})
final class GenerateHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "The JSONL file to write.")
    Path out;

    @Option(names = "--ops", defaultValue = "1000000", description = "Operations (invocation + completion pairs) (default: ${DEFAULT-VALUE}).")
    long ops;

    @Option(names = "--keys", defaultValue = "1000", description = "Independent keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--processes", defaultValue = "64", description = "Concurrent client processes (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--stale-reads", defaultValue = "0", description = "Stale reads to inject (default: ${DEFAULT-VALUE}).")
    int staleReads;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (ops < 1 || keys < 1 || processes < 1 || staleReads < 0) {
            throw new Faultline.UsageError("--ops, --keys and --processes must be at least 1, --stale-reads at least 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        SyntheticKvHistory.Summary summary;
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             JsonlHistoryWriter writer = new JsonlHistoryWriter(file)) {
            summary = new SyntheticKvHistory(ops, keys, processes, staleReads, seed).writeTo(writer);
        }
        console.printf("%s: %d operations, %d ops (lines), %d keys, %d processes, %d stale reads injected%s in %d ms%n",
                out, summary.operations(), summary.ops(), keys, processes, summary.staleReadsInjected(),
                summary.staleReadIndexes().isEmpty() ? "" : " at op index " + summary.staleReadIndexes(),
                (System.nanoTime() - t0) / 1_000_000);
        if (summary.staleReadsInjected() < staleReads) {
            console.printf("note: only %d of %d stale reads could be injected (too few writes per key)%n",
                    summary.staleReadsInjected(), staleReads);
        }
        console.flush();
        return ExitCode.VALID.code();
    }
}
