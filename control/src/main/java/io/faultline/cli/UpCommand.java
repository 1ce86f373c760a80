package io.faultline.cli;

import io.faultline.checker.Verdict;
import io.faultline.control.RunLauncher;
import io.faultline.run.ExitCode;
import io.faultline.run.RunOutcome;
import io.faultline.run.UpState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Provision and set up a cluster (services, nodes, agents, database) and leave it running.",
                "Writes <store>/up.json, by which wait-ready and down find it. Provider docker only.",
                "Exit code: 0 up, 2 setup failed (everything it made is removed), 254 bad arguments or config, 255 internal error."})
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArguments config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.exists(UpState.file(config.store))) {
            throw new Faultline.UsageError("a cluster is up already (" + UpState.file(config.store) + "); remove it with: faultline down"
                    + (config.store.toString().equals("store") ? "" : " --store " + config.store));
        }
        RunOutcome outcome = new RunLauncher(config.load(List.of()), config.store).up();
        if (outcome.verdict() != Verdict.VALID) {
            out.println("not up: " + outcome.summary());
            out.println("run directory: " + outcome.dir().path());
            out.flush();
            return outcome.exit() == ExitCode.BAD_ARGUMENTS ? outcome.exitCode() : ExitCode.UNKNOWN.code();
        }
        new UpState(outcome.dir().id(), outcome.dir().path()).write(config.store);
        out.println(outcome.summary());
        out.println("run directory: " + outcome.dir().path());
        out.println("next: faultline wait-ready" + storeArgument() + "; remove it with: faultline down" + storeArgument());
        out.flush();
        return ExitCode.VALID.code();
    }

    private String storeArgument() {
        return config.store.toString().equals("store") ? "" : " --store " + config.store;
    }
}
