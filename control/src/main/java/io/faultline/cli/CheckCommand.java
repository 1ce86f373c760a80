package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.run.ConfigProblem;
import io.faultline.history.History;
import io.faultline.run.ExitCode;
import io.faultline.report.RunReport;
import io.faultline.run.Results;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.HistoryValidation;
import io.faultline.report.JUnitXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check histories and print one line per file: <file> <valid|invalid|unknown> <milliseconds>.",
                "A history is validated first: one that cannot be read, or breaks Jepsen's rules (a process with two operations",
                "pending, a completion without its invocation), is refused with its file and line, never judged.",
                "Exit code: 0 all valid, 1 any invalid, 2 any unknown (none invalid), 254 bad arguments, or a history refused."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = {"History files, directories of history files, or run directories",
            "(store/<test>/<time>/: checked with the checkers of their own test.yaml, finished or not; their report.html is rewritten)."})
    List<Path> paths;

    @Mixin
    CheckOptions options;

    @Option(names = "--json", description = "Print the results as JSON instead of one line per file.")
    boolean json;

    /** What {@code --json} prints: the verdict over all histories and each one's results. */
    record Report(Verdict valid, List<Results> histories) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = CheckOptions.historyFiles(paths);
        HistoryFormat format = options.format();
        Checker given = options.checker();

        Verdict overall = Verdict.VALID;
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        int refused = 0;
        long started = System.nanoTime();
        List<Results> reports = new ArrayList<>();
        for (Path file : files) {
            long t0 = System.nanoTime();
            History history;
            Checker checker = given;
            RunDirectory run = null;
            try {
                if (RunDirectory.looksLikeRun(file)) {
                    run = RunDirectory.existing(file);
                    checker = RunCheckers.forConfig(ConfigLoader.load(run.testConfig(), List.of(), System.getenv()).config());
                    file = run.history();
                }
                history = History.read(file, format);
                HistoryValidation.validate(history);
                history = history.inTimeOrder();
            } catch (OutOfMemoryError e) {
                // The partial history is garbage now; say why and go on with the other files.
                history = null;
                Results results = Results.ofCheck(file.toString(), History.of(), new CheckResult(Verdict.UNKNOWN,
                        Map.of("read", CheckResult.unknown("out of memory reading the history (heap " + (Runtime.getRuntime().maxMemory() >> 20)
                                + " MiB): give the JVM more with -Xmx"))), (System.nanoTime() - t0) / 1_000_000);
                overall = overall.and(results.valid());
                verdicts.merge(results.valid(), 1, Integer::sum);
                if (json) reports.add(results);
                else out.println(file + " unknown " + results.phaseMs().get("check") + "\n  " + results.why());
                continue;
            } catch (HistoryParseException e) {
                err.println(e.getMessage());
                refused++;
                continue;
            } catch (ConfigException | ConfigProblem e) {
                err.println(file + ": its test.yaml: " + e.getMessage());
                refused++;
                continue;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                refused++;
                continue;
            }
            Results results = Results.ofCheck(file.toString(), history, checker.check(history), (System.nanoTime() - t0) / 1_000_000);
            if (run != null) {
                rewriteJUnit(run, results);
                writeReport(run.path(), history, results, err);
            }
            overall = overall.and(results.valid());
            verdicts.merge(results.valid(), 1, Integer::sum);
            if (json) {
                reports.add(results);
            } else {
                out.println(file + " " + results.valid().word() + " " + results.phaseMs().get("check"));
                // One indented line saying why, so a terminal user need not reach for --json.
                if (results.valid() != Verdict.VALID) out.println("  " + results.why());
            }
        }
        long totalMs = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            out.println(Results.toJson(new Report(overall, reports)));
        } else {
            out.printf("%d histories: %d valid, %d invalid, %d unknown%s in %d ms%n", files.size(),
                    verdicts.getOrDefault(Verdict.VALID, 0), verdicts.getOrDefault(Verdict.INVALID, 0),
                    verdicts.getOrDefault(Verdict.UNKNOWN, 0), refused > 0 ? ", " + refused + " refused (unreadable or malformed)" : "", totalMs);
        }
        out.flush();
        err.flush();
        return (refused > 0 ? ExitCode.BAD_ARGUMENTS : ExitCode.of(overall)).code();
    }

    /**
     * A re-checked run's {@code junit.xml} shows the checkers' new results; what the run itself went through (setup,
     * the nemesis) is as its {@code results.json} recorded it.
     */
    private static void rewriteJUnit(RunDirectory run, Results checked) throws IOException {
        Results stored = Files.isRegularFile(run.results()) ? Results.read(run.results()) : null;
        String problem = stored == null ? "the run did not finish: it has no results.json" : JUnitXml.runProblem(stored);
        String suite = stored != null && stored.test() != null ? stored.test() : run.path().getParent().getFileName().toString();
        new JUnitXml(suite, checked.checkers(), problem, checked.phaseMs().get("check"))
                .property("run", run.id()).property("verdict", checked.valid().word()).property("why", checked.why())
                .write(run.junitXml());
    }

    /** A run directory's report shows what this check found; a report that cannot be written does not change it. */
    private static void writeReport(Path runDir, History history, Results results, PrintWriter err) {
        try {
            RunReport.write(runDir, history, results);
        } catch (IOException | RuntimeException e) {
            err.println(runDir + ": the report could not be written: " + e.getMessage());
        }
    }
}
