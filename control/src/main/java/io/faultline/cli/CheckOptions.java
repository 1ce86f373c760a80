package io.faultline.cli;

import io.faultline.checker.Checker;
import io.faultline.checker.Checkers;
import io.faultline.checker.CompositeChecker;
import io.faultline.checker.linearizable.LinearizabilityChecker;
import io.faultline.checker.txn.ConsistencyModels;
import io.faultline.checker.txn.TxnChecker;
import io.faultline.history.FailedCas;
import io.faultline.checker.model.Models;
import io.faultline.config.Durations;
import io.faultline.history.HistoryFormat;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** What to check histories with, shared by {@code check} and {@code bench check}. */
final class CheckOptions {
    private static final Set<String> HISTORY_EXTENSIONS = Set.of("jsonl", "json", "edn", "log", "txt");

    @Option(names = "--model", paramLabel = "M", defaultValue = "cas-register",
            description = "Model for the linearizability checker: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--failed-cas", paramLabel = "R", defaultValue = "did-not-happen",
            description = {"How to read a failed cas: did-not-happen (Jepsen's: it observed nothing, unless its error is compare-failed)",
                    "or compare-failed (Porcupine's etcd logs: a failed cas without an error is a compare that failed). Default: ${DEFAULT-VALUE}."})
    String failedCas;

    @Option(names = "--initial-value", paramLabel = "V", split = ",", defaultValue = "nil,0",
            description = {"Where a register may start, comma-separated (nil, an integer, or text); a history is valid if one explains it.",
                    "Default ${DEFAULT-VALUE}: Jepsen's model starts at nil, Knossos' examples at 0. Use nil alone to be strict."})
    List<String> initialValues;

    @Option(names = "--format", paramLabel = "F",
            description = "History format: jsonl, edn, jepsen-log (default: detected from the first line).")
    String format;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "60s",
            description = "Time budget per history; over it the verdict is unknown (default: ${DEFAULT-VALUE}).")
    String timeLimit;

    @Option(names = "--checker", paramLabel = "NAME", split = ",", defaultValue = "linearizable",
            description = "Checkers to run, comma-separated: linearizable, set, counter, total-queue, unique-ids, stats, list-append, rw-register (default: ${DEFAULT-VALUE}).")
    List<String> checkers;

    @Option(names = "--consistency-models", paramLabel = "M", split = ",", defaultValue = ConsistencyModels.DEFAULT,
            description = {"For list-append and rw-register: the consistency models (Elle's names) to check, comma-separated; the history is",
                    "invalid when an anomaly rules one out (default: ${DEFAULT-VALUE}). Known: ${COMPLETION-CANDIDATES}."},
            completionCandidates = ConsistencyModelNames.class)
    List<String> consistencyModels;

    HistoryFormat format() {
        if (format == null) return null;
        try {
            return HistoryFormat.fromCliName(format);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--format: " + e.getMessage());
        }
    }

    FailedCas failedCas() {
        try {
            return FailedCas.fromName(failedCas);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--failed-cas: " + e.getMessage());
        }
    }

    List<Object> initialValues() {
        List<Object> values = new ArrayList<>();
        for (String v : initialValues) {
            String text = v.strip();
            if (text.equals("nil") || text.equals("null")) values.add(null);
            else if (text.matches("-?\\d{1,18}")) values.add(Long.parseLong(text));
            else if (!text.isEmpty()) values.add(text);
        }
        if (values.isEmpty()) throw new Faultline.UsageError("--initial-value: give at least one value, e.g. nil or 0");
        return values;
    }

    Duration timeLimit() {
        try {
            return Durations.parse(timeLimit);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--time-limit: " + e.getMessage());
        }
    }

    /** The checkers chosen, composed: a checker that throws answers unknown and the others still report. */
    Checker checker() {
        Duration limit = timeLimit();
        List<Checker> chosen = new ArrayList<>();
        for (String name : checkers) {
            try {
                if (TxnChecker.isTxnChecker(name)) {
                    chosen.add(txnChecker(name));
                    continue;
                }
                chosen.add(name.equals("linearizable")
                        ? new LinearizabilityChecker(Models.byName(model, failedCas(), initialValues()), limit)
                        : Checkers.byName(name));
            } catch (IllegalArgumentException e) {
                throw new Faultline.UsageError((name.equals("linearizable") ? "--model: " : "--checker: ") + e.getMessage());
            }
        }
        return new CompositeChecker(chosen);
    }

    /** A list-append or rw-register checker with the consistency models asked for. */
    TxnChecker txnChecker(String name) {
        try {
            return new TxnChecker(name, consistencyModels, timeLimit());
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--consistency-models: " + e.getMessage());
        }
    }

    /** The files to check: each file named, and the history files of each directory named, in name order. */
    static List<Path> historyFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (io.faultline.run.RunDirectory.looksLikeRun(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    List<Path> found = children.filter(Files::isRegularFile).filter(CheckOptions::looksLikeHistory).sorted().toList();
                    if (found.isEmpty()) {
                        throw new Faultline.UsageError(path + ": no history files (*.jsonl, *.edn, *.log, *.txt) in this directory");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new Faultline.UsageError(path + ": cannot list directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new Faultline.UsageError(path + ": no such file or directory");
            }
        }
        return files;
    }

    private static boolean looksLikeHistory(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && HISTORY_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static final class ConsistencyModelNames extends ArrayList<String> {
        ConsistencyModelNames() {
            super(ConsistencyModels.names());
        }
    }

    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(Models.names());
        }
    }
}
