package io.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.history.History;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryParseException;
import io.faultline.history.HistoryValidation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check histories and print one line per file: <file> <valid|invalid|unknown> <milliseconds>.",
                "A history is validated first: one that cannot be read, or breaks Jepsen's rules (a process with two operations",
                "pending, a completion without its invocation), is refused with its file and line, never judged.",
                "Exit code: 0 all valid, 1 any invalid, 2 any unknown (none invalid), 254 bad arguments, or a history refused."})
final class CheckCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = {"History files, directories of history files, or run directories",
            "(store/<test>/<time>/: checked with the checkers of their own test.yaml, finished or not)."})
    List<Path> paths;

    @Mixin
    CheckOptions options;

    @Option(names = "--json", description = "Print the results as JSON instead of one line per file.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = CheckOptions.historyFiles(paths);
        HistoryFormat format = options.format();
        Checker given = options.checker();

        Verdict overall = Verdict.VALID;
        int valid = 0, invalid = 0, unknown = 0, refused = 0;
        long started = System.nanoTime();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path file : files) {
            long t0 = System.nanoTime();
            History history;
            Checker checker = given;
            try {
                if (RunDirectory.looksLikeRun(file)) {
                    checker = RunCheckers.forConfig(ConfigLoader.load(RunDirectory.existing(file).testConfig(), List.of(), System.getenv()).config());
                    file = RunDirectory.existing(file).history();
                }
                history = History.read(file, format);
                HistoryValidation.validate(history);
                history = history.inTimeOrder();
            } catch (HistoryParseException e) {
                err.println(e.getMessage());
                refused++;
                continue;
            } catch (ConfigException e) {
                err.println(file + ": its test.yaml: " + e.getMessage());
                refused++;
                continue;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                refused++;
                continue;
            }
            CheckResult result = checker.check(history);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            overall = overall.and(result.valid());
            switch (result.valid()) {
                case VALID -> valid++;
                case INVALID -> invalid++;
                case UNKNOWN -> unknown++;
            }
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("file", file.toString());
                report.put("valid", result.valid());
                report.put("ms", ms);
                report.put("results", result);
                reports.add(report);
            } else {
                out.println(file + " " + result.valid().word() + " " + ms);
                if (result.valid() != Verdict.VALID) explain(out, result);
            }
        }
        long totalMs = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("valid", overall);
            all.put("histories", reports);
            out.println(JSON.writeValueAsString(all));
        } else {
            out.printf("%d histories: %d valid, %d invalid, %d unknown%s in %d ms%n", files.size(), valid, invalid, unknown,
                    refused > 0 ? ", " + refused + " refused (unreadable or malformed)" : "", totalMs);
        }
        out.flush();
        if (refused > 0) return Faultline.BAD_ARGUMENTS;
        return overall.exitCode();
    }

    /** One indented line saying why, so a terminal user need not reach for --json. */
    private static void explain(PrintWriter out, CheckResult result) {
        Object why = why(result);
        if (why != null) out.println("  " + why);
    }

    @SuppressWarnings("unchecked")
    private static Object why(CheckResult result) {
        Map<String, Object> details = result.details();
        if (details.get("counterexample") instanceof Map<?, ?> ce && ce.get("summary") != null) return ce.get("summary");
        if (details.get("error") != null) return details.get("error");
        for (Object nested : details.values()) {
            if (nested instanceof CheckResult r && r.valid() != Verdict.VALID) {
                Object inner = why(r);
                if (inner != null) return inner;
            }
        }
        return null;
    }
}
