package io.faultline.cli;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ConfigLoader;
import io.faultline.config.Durations;
import io.faultline.config.TestConfig;
import io.faultline.provision.docker.DockerClients;
import io.faultline.provision.docker.Readiness;
import io.faultline.run.ExitCode;
import io.faultline.run.RunDirectory;
import io.faultline.run.UpState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "wait-ready", mixinStandardHelpOptions = true,
        description = {"Wait until the cluster that up left running is ready.",
                "Ready: every node container runs, its agent has registered, its etcd answers /health, and every service",
                "passes its health check.",
                "Exit code: 0 ready, 2 not ready within --timeout (each part not ready is named, with its last log lines),",
                "254 bad arguments or no cluster up."})
final class WaitReadyCommand implements Callable<Integer> {
    private static final Duration EVERY = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where up wrote up.json (default: ${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--timeout: " + e.getMessage());
        }
        UpState up = state(store);
        TestConfig config = ConfigLoader.load(RunDirectory.existing(up.runDir()).testConfig(), List.of(), Map.of()).config();
        try (DockerClient client = DockerClients.connect()) {
            Readiness readiness = Readiness.of(client, up.runId(), config);
            List<String> notReady = readiness.await(limit, EVERY);
            if (notReady.isEmpty()) {
                out.println("ready: " + String.join(", ", readiness.parts()));
                out.flush();
                return ExitCode.VALID.code();
            }
            out.println("not ready after " + Durations.format(limit) + ":");
            for (String part : notReady) out.println(part);
            out.flush();
            return ExitCode.UNKNOWN.code();
        }
    }

    static UpState state(Path store) throws java.io.IOException {
        try {
            return UpState.read(store);
        } catch (IllegalStateException e) {
            throw new Faultline.UsageError(e.getMessage());
        }
    }
}
