package io.faultline.control;

import io.faultline.run.RunOutcome;

import io.faultline.provision.docker.Labels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The docker CLI, for tests that look into a run's containers the way a person would. */
final class Docker {
    private Docker() {
    }

    record Result(int exit, String out) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    /** Skips the test, saying why, where no daemon or no node image is present (prepare-machine.sh provides both). */
    static void assumeAvailable() throws InterruptedException {
        Result info;
        try {
            info = run("image", "inspect", "faultline/node");
        } catch (IOException e) {
            info = new Result(-1, e.getMessage());
        }
        assumeTrue(info.exit() == 0, "needs a Docker daemon and the faultline/node image: run docker/scripts/prepare-machine.sh");
    }

    /** The container id of a run's node. */
    static String container(String runId, String node) throws IOException, InterruptedException {
        return run("ps", "-q", "--filter", "label=" + Labels.RUN + "=" + runId, "--filter", "label=" + Labels.NODE + "=" + node).out();
    }

    static Result exec(String container, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(command));
        return run(args.toArray(String[]::new));
    }

    /** Removes everything a run left (tests that kill a control leave its nodes behind on purpose). */
    static void removeRun(String runId) throws IOException, InterruptedException {
        String ids = run("ps", "-aq", "--filter", "label=" + Labels.RUN + "=" + runId).out();
        for (String id : ids.split("\\s+")) if (!id.isBlank()) run("rm", "-f", id);
        String networks = run("network", "ls", "-q", "--filter", "label=" + Labels.RUN + "=" + runId).out();
        for (String id : networks.split("\\s+")) if (!id.isBlank()) run("network", "rm", id);
    }
}
