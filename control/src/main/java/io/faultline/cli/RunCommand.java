package io.faultline.cli;

import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.live.LiveRun;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunOutcome;
import io.faultline.server.RunService;
import io.faultline.server.Served;
import io.faultline.server.WebServer;
import picocli.CommandLine.Mixin;
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
                "Writes store/<test>/<timestamp>/ (test.yaml, history.jsonl, results.json, control.log).",
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

    @Option(names = "--stop-on-invalid", description = "End the run as soon as live checking finds an anomaly"
            + " (heal, final phase, teardown, full check; exit 1). Same as checker.linearizable.stop-on-invalid: true.")
    boolean stopOnInvalid;

    @Option(names = "--no-live-check", description = "Do not check the history for linearizability while the run goes on.")
    boolean noLiveCheck;

    @Option(names = "--no-server", description = "Do not serve the live page and the API while the run goes on.")
    boolean noServer;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The port of the live page and API (default: ${DEFAULT-VALUE}, a free one; the URL is printed).")
    int port;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = ConfigLoader.load(configFile, overrides(), System.getenv());
        if (noServer && !loaded.config().server().isNone()) {
            throw new Faultline.UsageError("server: the config sets how to serve the live page, but --no-server turns it off; drop one");
        }
        if (stopOnInvalid && noLiveCheck) throw new Faultline.UsageError("--stop-on-invalid needs live checking; drop --no-live-check");
        LiveRun live = new LiveRun(!noLiveCheck);
        RunService runs = new RunService(store, !noLiveCheck);
        runs.attach(live);
        Served served = null;
        if (!noServer) {
            WebServer.Settings settings = server.settings(port, System.getenv(), loaded.config().server());
            served = Served.start(runs, settings);
            ServerOptions.announce(out, served.url(), settings);
            String url = served.url();
            live.id().thenAccept(id -> {
                out.println("live view: " + url + "#run=" + id);
                out.flush();
            });
        }
        try {
            RunOutcome outcome = new RunLauncher(loaded, store).withObserver(live).run();
            out.println(outcome.verdict().word() + ": " + outcome.summary());
            out.println("run directory: " + outcome.dir().path());
            out.flush();
            return outcome.exitCode();
        } catch (Exception e) {
            live.failedToStart(e);
            throw e;
        } finally {
            if (served != null) {
                // Watchers get the verdict before the server goes away with the run.
                Thread.sleep(VERDICT_LINGER_MS);
                served.close();
            }
        }
    }

    private static final long VERDICT_LINGER_MS = 500;

    private List<ConfigLoader.Override> overrides() throws ConfigException {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (timeLimit != null) overrides.add(new ConfigLoader.Override("time-limit", timeLimit));
        if (nodes != null) overrides.add(new ConfigLoader.Override("nodes", nodes.contains(",") ? "[" + nodes + "]" : nodes));
        if (concurrency != null) overrides.add(new ConfigLoader.Override("concurrency", concurrency));
        if (seed != null) overrides.add(new ConfigLoader.Override("seed", seed));
        if (version != null) overrides.add(new ConfigLoader.Override("db.version", version));
        if (leaveRunning) overrides.add(new ConfigLoader.Override("cluster.leave-running", "true"));
        if (stopOnInvalid) overrides.add(new ConfigLoader.Override("checker.linearizable." + RunCheckers.STOP_ON_INVALID, "true"));
        for (String assignment : sets) overrides.add(ConfigLoader.Override.parse(assignment));
        return overrides;
    }
}
