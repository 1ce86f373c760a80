package io.faultline.cli;

import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.run.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check each history warm, repeatedly, and print the median per file;",
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

    @Override
    public Integer call() throws IOException {
        if (repeat < 1 || warmup < 0) throw new Faultline.UsageError("--repeat must be at least 1 and --warmup at least 0");
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = CheckOptions.historyFiles(paths);
        HistoryFormat format = options.format();
        Checker checker = options.checker();

        List<History> histories = new ArrayList<>();
        long readStart = System.nanoTime();
        for (Path file : files) {
            try {
                histories.add(History.read(file, format));
            } catch (HistoryParseException e) {
                throw new Faultline.UsageError(e.getMessage());
            }
        }
        double readMs = (System.nanoTime() - readStart) / 1e6;

        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (History h : histories) verdicts.merge(checker.check(h).valid(), 1, Integer::sum);
        for (int pass = 0; pass < warmup; pass++) {
            for (History h : histories) checker.check(h);
        }
        long[][] nanos = new long[histories.size()][repeat];
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < histories.size(); i++) {
                long t0 = System.nanoTime();
                checker.check(histories.get(i));
                nanos[i][r] = System.nanoTime() - t0;
            }
        }
        double total = 0;
        for (int i = 0; i < histories.size(); i++) {
            Arrays.sort(nanos[i]);
            double median = nanos[i][repeat / 2] / 1e6;
            total += median;
            out.printf("%s %.3f ms%n", files.get(i), median);
        }
        out.printf("%d histories: %d valid, %d invalid, %d unknown; %d warm-up and %d measured passes; %d cores, max heap %d MiB%n",
                histories.size(), verdicts.getOrDefault(Verdict.VALID, 0), verdicts.getOrDefault(Verdict.INVALID, 0),
                verdicts.getOrDefault(Verdict.UNKNOWN, 0), warmup, repeat, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf("read (cold, one pass): %.1f ms%n", readMs);
        out.printf("total: %.1f ms%n", total);
        out.flush();
        return ExitCode.VALID.code();
    }
}
