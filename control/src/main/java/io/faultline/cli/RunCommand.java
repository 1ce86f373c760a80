package io.faultline.cli;

import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.live.LiveRun;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunOutcome;
import io.faultline.server.RunService;
import io.faultline.server.Served;
import io.faultline.server.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one test: provision the cluster, drive clients and faults, record and check the history.",
                "Writes store/<test>/<timestamp>/ (test.yaml, history.jsonl, results.json, control.log, report.html, history.edn).",
                "Exit code: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or config, 255 internal error."})
final class RunCommand implements Callable<Integer> {
    private static final long VERDICT_LINGER_MS = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArguments config;

    @Option(names = "--leave-running", description = "Keep the cluster (containers, networks) after the run, for debugging.")
    boolean leaveRunning;

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
        LoadedConfig loaded = config.load(extraOverrides());
        if (noServer && !loaded.config().server().isNone()) {
            throw new Faultline.UsageError("server: the config sets how to serve the live page, but --no-server turns it off; drop one");
        }
        if (stopOnInvalid && noLiveCheck) throw new Faultline.UsageError("--stop-on-invalid needs live checking; drop --no-live-check");
        LiveRun live = new LiveRun(!noLiveCheck);
        RunService runs = new RunService(config.store, !noLiveCheck);
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
            RunOutcome outcome = new RunLauncher(loaded, config.store).withObserver(live).run();
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

    private List<ConfigLoader.Override> extraOverrides() {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (leaveRunning) overrides.add(new ConfigLoader.Override("cluster.leave-running", "true"));
        if (stopOnInvalid) overrides.add(new ConfigLoader.Override("checker.linearizable." + RunCheckers.STOP_ON_INVALID, "true"));
        return overrides;
    }
}
