package io.faultline.cli;

import com.github.dockerjava.api.DockerClient;
import io.faultline.provision.docker.DockerClients;
import io.faultline.provision.docker.Leftovers;
import io.faultline.run.ExitCode;
import io.faultline.run.UpState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Remove the cluster that up left running: its containers (nodes and services) and networks, by label.",
                "Exit code: 0 removed, 254 bad arguments or no cluster up."})
final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where up wrote up.json (default: ${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        UpState up = WaitReadyCommand.state(store);
        try (DockerClient client = DockerClients.connect()) {
            Leftovers.Removed removed = Leftovers.removeRun(client, up.runId());
            UpState.remove(store);
            out.println("down: run " + up.runId() + ", " + removed.containers() + " containers and " + removed.networks()
                    + " networks removed; its files stay in " + up.runDir());
            out.flush();
            return ExitCode.VALID.code();
        }
    }
}
