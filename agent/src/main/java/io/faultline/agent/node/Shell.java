package io.faultline.agent.node;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command to completion. Every call blocks, so callers on an event loop go through
 * {@code vertx.executeBlocking}. An interface so that tests can record the commands instead of running them.
 */
public interface Shell {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Runs {@code argv} (no shell in between: arguments are never re-split or expanded).
     *
     * @return the outcome, whatever the exit code
     * @throws ShellException when the command cannot be started or outlives {@code timeout}
     */
    Result run(List<String> argv, Duration timeout);

    default Result run(List<String> argv) {
        return run(argv, DEFAULT_TIMEOUT);
    }

    /** Runs {@code argv} and insists on exit code 0. */
    default Result check(List<String> argv) {
        return run(argv).orThrow();
    }

    static Shell system() {
        return new ProcessShell();
    }

    record Result(List<String> argv, int exitCode, String stdout, String stderr) {

        public Result {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** @throws ShellException naming the command, its exit code and what it said on stderr */
        public Result orThrow() {
            if (ok()) return this;
            // One line: the message ends up in a nemesis op's error and in the agent's single log line.
            String said = (stderr.isBlank() ? stdout : stderr).strip().replaceAll("\\s*\\n\\s*", " / ");
            throw new ShellException("`" + String.join(" ", argv) + "` exited with " + exitCode
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }
}
