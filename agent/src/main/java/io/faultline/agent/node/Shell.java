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

    /**
     * Starts {@code argv} and leaves it running, fed on stdin and read on stdout: for a command used so often
     * that starting a process each time would cost more than its work.
     *
     * @throws ShellException when it cannot be started
     */
    Session start(List<String> argv);

    static Shell system() {
        return new ProcessShell();
    }

    /** A process left running by {@link #start}. Blocking, like every call here. */
    interface Session {

        /** Writes {@code text} to its stdin; if it has exited, the text is lost and {@link #readLine} says so. */
        void send(String text);

        /**
         * Its next line on stdout, or null once it has exited.
         *
         * @throws ShellException when no line comes within {@code timeout}; the process is killed
         */
        String readLine(Duration timeout);

        boolean alive();

        /** Waits for it to exit and tells how: its exit code and stderr (stdout went to {@link #readLine}). */
        Result exit();
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
