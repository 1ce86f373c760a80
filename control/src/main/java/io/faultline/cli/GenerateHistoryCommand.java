package io.faultline.cli;

import io.faultline.bench.SyntheticKvHistory;
import io.faultline.bench.SyntheticListAppendHistory;
import io.faultline.run.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic history of a simulated linearizable store of registers as JSONL, valid by construction,",
                "optionally with injected stale reads. Check it with: check --model cas-register FILE (or --model register).",
                "Examples: --ops 1000000 --sequential;  --ops 1000000 --keys 1 --concurrency 16;",
                "          --ops 10000000 --keys 1000 --concurrency 64"})
final class GenerateHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "OUT", description = "The JSONL file to write (or --out).")
    Path outArgument;

    @Option(names = "--out", paramLabel = "FILE", description = "The JSONL file to write.")
    Path outOption;

    @Option(names = "--workload", defaultValue = "register",
            description = {"register: the registers below; list-append: transactions of a strictly serializable store of lists,",
                    "as Elle's list-append makes them (check with: check --checker list-append FILE) (default: ${DEFAULT-VALUE})."})
    String workload;

    @Option(names = "--txns", defaultValue = "1000000", description = "list-append: transactions (default: ${DEFAULT-VALUE}).")
    long txns;

    @Option(names = "--active-keys", defaultValue = "10", description = "list-append: keys in use at a time (default: ${DEFAULT-VALUE}).")
    int activeKeys;

    @Option(names = "--max-writes-per-key", defaultValue = "32",
            description = "list-append: appends a key takes before it is retired for a fresh one (default: ${DEFAULT-VALUE}).")
    int maxWritesPerKey;

    @Option(names = "--max-txn-length", defaultValue = "4", description = "list-append: micro-ops per transaction, at most (default: ${DEFAULT-VALUE}).")
    int maxTxnLength;

    @Option(names = "--ops", defaultValue = "1000000", description = "Operations (invocation + completion pairs) (default: ${DEFAULT-VALUE}).")
    long ops;

    @Option(names = "--keys", defaultValue = "1000",
            description = "Independent keys; with 1 the ops carry no key: one register's history (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = {"--concurrency", "--processes"}, paramLabel = "N",
            description = "Concurrent client processes (default: 64; 1 with --sequential).")
    Integer processes;

    @Option(names = "--sequential",
            description = "One process and no timeouts: every operation completes before the next is invoked.")
    boolean sequential;

    @Option(names = "--model", defaultValue = "cas-register",
            description = "Operations: cas-register (read, write, cas) or register (read, write) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--info-rate", paramLabel = "P",
            description = "Share of operations that time out (info), 0 to below 1 (default: 0.003; 0 with --sequential).")
    Double infoRate;

    @Option(names = "--stale-reads", defaultValue = "0", description = "Stale reads to inject (default: ${DEFAULT-VALUE}).")
    int staleReads;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if ((outArgument == null) == (outOption == null)) throw new Faultline.UsageError("name the file to write once: OUT or --out FILE");
        Path out = outArgument != null ? outArgument : outOption;
        if (workload.equals("list-append")) return listAppend(out);
        if (!workload.equals("register")) {
            throw new Faultline.UsageError("--workload: '" + workload + "' cannot be generated; use register or list-append");
        }
        if (sequential && processes != null && processes != 1) {
            throw new Faultline.UsageError("--sequential runs one process; leave out --concurrency " + processes);
        }
        if (sequential && infoRate != null && infoRate != 0) {
            throw new Faultline.UsageError("--sequential has no timeouts, so no info ops; leave out --info-rate " + infoRate);
        }
        int n = processes != null ? processes : sequential ? 1 : 64;
        double info = infoRate != null ? infoRate : sequential ? 0 : SyntheticKvHistory.DEFAULT_INFO_RATE;
        if (ops < 1 || keys < 1 || n < 1 || staleReads < 0) {
            throw new Faultline.UsageError("--ops, --keys and --concurrency must be at least 1, --stale-reads at least 0");
        }
        if (!(info >= 0 && info < 1)) throw new Faultline.UsageError("--info-rate must be at least 0 and below 1; found " + info);
        boolean cas = switch (model) {
            case "cas-register" -> true;
            case "register" -> false;
            default -> throw new Faultline.UsageError("--model: '" + model + "' cannot be generated; use cas-register or register");
        };
        PrintWriter console = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        SyntheticKvHistory.Summary summary;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            summary = new SyntheticKvHistory(ops, keys, n, staleReads, seed, cas, info).writeTo(file);
        }
        console.printf("%s: %d operations (%s), %d ops (lines), %d %s, %d process%s, %d info, %d stale reads injected%s in %d ms%n",
                out, summary.operations(), model, summary.ops(), keys, keys == 1 ? "key" : "keys", n, n == 1 ? "" : "es",
                summary.infos(), summary.staleReadsInjected(),
                summary.staleReadIndexes().isEmpty() ? "" : " at op index " + summary.staleReadIndexes(),
                (System.nanoTime() - t0) / 1_000_000);
        if (summary.staleReadsInjected() < staleReads) {
            console.printf("note: only %d of %d stale reads could be injected (too few writes per key)%n",
                    summary.staleReadsInjected(), staleReads);
        }
        console.flush();
        return ExitCode.VALID.code();
    }

    private int listAppend(Path out) throws IOException {
        int n = processes != null ? processes : 16;
        double info = infoRate != null ? infoRate : SyntheticListAppendHistory.DEFAULT_INFO_RATE;
        SyntheticListAppendHistory generator;
        try {
            generator = new SyntheticListAppendHistory(txns, n, activeKeys, maxWritesPerKey, maxTxnLength, seed, info);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError(e.getMessage());
        }
        long t0 = System.nanoTime();
        SyntheticListAppendHistory.Summary summary;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            summary = generator.writeTo(file);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%s: %d list-append transactions, %d ops (lines), %d keys, %d processes, %d info in %d ms%n", out, summary.txns(),
                summary.ops(), summary.keys(), n, summary.infos(), (System.nanoTime() - t0) / 1_000_000);
        console.flush();
        return ExitCode.VALID.code();
    }
}
