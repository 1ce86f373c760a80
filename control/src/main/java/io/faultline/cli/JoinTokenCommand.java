package io.faultline.cli;

import io.faultline.config.Durations;
import io.faultline.provision.external.JoinSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "join-token", mixinStandardHelpOptions = true,
        description = {"Print a join token for agents of provider external: --join <control> --token <token>.",
                "Valid until --ttl has passed, for one run: the run that accepts it spends it.",
                "Made with the key in <store>/.join, which the run reads too, so use the same --store."})
final class JoinTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h", description = "How long the token is valid (default ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where runs are kept (default: ${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws Exception {
        Duration valid;
        try {
            valid = Durations.parse(ttl);
        } catch (IllegalArgumentException e) {
            throw new Faultline.UsageError("--ttl: " + e.getMessage());
        }
        if (valid.isZero() || valid.isNegative()) throw new Faultline.UsageError("--ttl: give a positive duration, e.g. 1h");
        spec.commandLine().getOut().println(JoinSecrets.open(store).mint(valid));
        return 0;
    }
}
