package io.faultline.cli;

import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.run.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one test: provision the cluster, drive clients and faults, record and check the history.",
                "Writes store/<test>/<timestamp>/ (test.yaml, history.jsonl, results.json, control.log, report.html, history.edn).",
                "Exit code: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or config, 255 internal error."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The test configuration.")
    Path configFile;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Override time-limit, e.g. 30s.")
    String timeLimit;

    @Option(names = "--nodes", paramLabel = "N", description = "Override nodes: a count or a comma-separated list of names.")
    String nodes;

    @Option(names = "--concurrency", paramLabel = "C", description = "Override concurrency: a number, or e.g. 2n for two per node.")
    String concurrency;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed; the same seed replays the same operations and faults.")
    String seed;

    @Option(names = "--version", paramLabel = "V", description = "Override db.version (used by ${version} in the config).")
    String version;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override any config value, e.g. --set workload.keys=4 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--leave-running", description = "Keep the cluster (containers, networks) after the run, for debugging.")
    boolean leaveRunning;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where runs are kept (default: ${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = ConfigLoader.load(configFile, overrides(), System.getenv());
        RunOutcome outcome = new RunLauncher(loaded, store).run();
        out.println(outcome.verdict().word() + ": " + outcome.summary());
        out.println("run directory: " + outcome.dir().path());
        out.flush();
        return outcome.exitCode();
    }

    private List<ConfigLoader.Override> overrides() throws ConfigException {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (timeLimit != null) overrides.add(new ConfigLoader.Override("time-limit", timeLimit));
        if (nodes != null) overrides.add(new ConfigLoader.Override("nodes", nodes.contains(",") ? "[" + nodes + "]" : nodes));
        if (concurrency != null) overrides.add(new ConfigLoader.Override("concurrency", concurrency));
        if (seed != null) overrides.add(new ConfigLoader.Override("seed", seed));
        if (version != null) overrides.add(new ConfigLoader.Override("db.version", version));
        if (leaveRunning) overrides.add(new ConfigLoader.Override("cluster.leave-running", "true"));
        for (String assignment : sets) overrides.add(ConfigLoader.Override.parse(assignment));
        return overrides;
    }
}
