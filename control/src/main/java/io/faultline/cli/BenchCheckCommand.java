package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.txn.TxnChecker;
import io.faultline.checker.txn.TxnHistory;
import io.faultline.checker.Verdict;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.HistoryValidation;
import io.faultline.run.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Read each history cold, check it once, then check all warm, repeatedly. One line per file:",
                "<file> <verdict> read <ms> ms (<ops> ops, <ops/s> ops/s) check <median ms> ms (first <ms> ms) peak heap <MiB> MiB;",
                "the last line is 'total: <ms> ms' for one pass (the sum of the medians; reading excluded, reported apart)."})
final class BenchCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "History files, or directories of history files.")
    List<Path> paths;

    @Mixin
    CheckOptions options;

    @Option(names = "--repeat", defaultValue = "15", description = "Measured passes (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "PASSES", defaultValue = "20", description = "Unmeasured passes first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    /** What the first, cold, pass over one file measured. */
    private record Cold(Path file, History history, long readNanos, long firstCheckNanos, Verdict verdict, long peakHeapBytes) {
    }

    @Override
    public Integer call() throws IOException {
        if (repeat < 1 || warmup < 0) throw new Faultline.UsageError("--repeat must be at least 1 and --warmup at least 0");
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = CheckOptions.historyFiles(paths);
        HistoryFormat format = options.format();
        if (options.checkers.size() == 1 && TxnChecker.isTxnChecker(options.checkers.get(0))) {
            return benchTransactions(out, files, format, options.txnChecker(options.checkers.get(0)));
        }
        Checker checker = options.checker();

        List<Cold> cold = new ArrayList<>();
        for (Path file : files) cold.add(readAndCheckOnce(file, format, checker));
        for (int pass = 0; pass < warmup; pass++) {
            for (Cold c : cold) checker.check(c.history());
        }
        long[][] nanos = new long[cold.size()][repeat];
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < cold.size(); i++) {
                long t0 = System.nanoTime();
                checker.check(cold.get(i).history());
                nanos[i][r] = System.nanoTime() - t0;
            }
        }

        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        double total = 0;
        long readNanos = 0;
        for (int i = 0; i < cold.size(); i++) {
            Cold c = cold.get(i);
            Arrays.sort(nanos[i]);
            double median = nanos[i][repeat / 2] / 1e6;
            total += median;
            readNanos += c.readNanos();
            verdicts.merge(c.verdict(), 1, Integer::sum);
            out.printf("%s %s read %.1f ms (%d ops, %.0f ops/s) check %.3f ms (first %.1f ms) peak heap %d MiB%n",
                    c.file(), c.verdict().word(), c.readNanos() / 1e6, c.history().size(),
                    c.history().size() / Math.max(c.readNanos() / 1e9, 1e-9), median, c.firstCheckNanos() / 1e6,
                    c.peakHeapBytes() >> 20);
        }
        out.printf("%d histories: %d valid, %d invalid, %d unknown; %d warm-up and %d measured passes; %d cores, max heap %d MiB%n",
                cold.size(), verdicts.getOrDefault(Verdict.VALID, 0), verdicts.getOrDefault(Verdict.INVALID, 0),
                verdicts.getOrDefault(Verdict.UNKNOWN, 0), warmup, repeat, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("read (cold, with validation and time order, one pass): %.1f ms%n", readNanos / 1e6);
        out.printf("total: %.1f ms%n", total);
        out.flush();
        return ExitCode.VALID.code();
    }

    /**
     * The transactional checkers' benchmark: each file is streamed into transactions (no ops held), checked once
     * cold, then warm; per file the read and check rates in transactions per second and the peak heap.
     */
    private int benchTransactions(PrintWriter out, List<Path> files, HistoryFormat format, TxnChecker checker) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
        for (Path file : files) {
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            TxnHistory txns;
            try {
                txns = TxnHistory.read(file, format, checker.kind());
            } catch (HistoryParseException e) {
                throw new Faultline.UsageError(e.getMessage());
            }
            long read = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            CheckResult first = checker.check(txns);
            long firstCheck = System.nanoTime() - t1;
            for (int pass = 0; pass < warmup; pass++) checker.check(txns);
            long[] nanos = new long[repeat];
            for (int r = 0; r < repeat; r++) {
                long s = System.nanoTime();
                checker.check(txns);
                nanos[r] = System.nanoTime() - s;
            }
            Arrays.sort(nanos);
            double median = nanos[repeat / 2] / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            out.printf("%s %s (%s) read %.1f s (%d txns, %.0f txns/s) check %.3f s (%.0f txns/s; first %.3f s) peak heap %d MiB%n",
                    file, first.valid().word(), String.join(",", (List<String>) first.details().getOrDefault("anomaly-types", List.of())),
                    read / 1e9, txns.size(), txns.size() / (read / 1e9), median, txns.size() / median, firstCheck / 1e9, peak >> 20);
        }
        out.printf("%s, %d warm-up and %d measured passes; %d cores, max heap %d MiB%n", checker.name(), warmup, repeat,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        out.flush();
        return ExitCode.VALID.code();
    }

    /**
     * Reads one file and prepares it as {@code check} does (validation, time order), timed, then checks it once, with the heap pools' peaks reset first: the peak
     * is what reading and a first check of this file needed, the sum of each pool's peak (an upper bound, as the
     * pools need not peak together), on top of what earlier files left.
     */
    private static Cold readAndCheckOnce(Path file, HistoryFormat format, Checker checker) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        History history;
        try {
            history = History.read(file, format);
            HistoryValidation.validate(history);
            history = history.inTimeOrder();
        } catch (HistoryParseException e) {
            throw new Faultline.UsageError(e.getMessage());
        }
        long read = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        Verdict verdict = checker.check(history).valid();
        long firstCheck = System.nanoTime() - t1;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Cold(file, history, read, firstCheck, verdict, peak);
    }
}
