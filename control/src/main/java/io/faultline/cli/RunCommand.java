package io.faultline.cli;

import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.run.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one test: provision the cluster, drive clients and faults, record and check the history.",
                "Writes store/<test>/<timestamp>/ (test.yaml, history.jsonl, results.json, control.log, report.html, history.edn).",
                "Exit code: 0 valid, 1 invalid, 2 unknown, 254 bad arguments or config, 255 internal error."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArguments config;

    @Option(names = "--leave-running", description = "Keep the cluster (containers, networks) after the run, for debugging.")
    boolean leaveRunning;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = config.load(leaveRunning ? List.of(new ConfigLoader.Override("cluster.leave-running", "true")) : List.of());
        RunOutcome outcome = new RunLauncher(loaded, config.store).run();
        out.println(outcome.verdict().word() + ": " + outcome.summary());
        out.println("run directory: " + outcome.dir().path());
        out.flush();
        return outcome.exitCode();
    }
}
