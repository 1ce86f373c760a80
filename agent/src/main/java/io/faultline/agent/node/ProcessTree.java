package io.faultline.agent.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A system under test's process and everything it started (a database's workers, Patroni's PostgreSQL): kill and
 * pause act on the whole tree, never on the agent, which is not in it. Blocking.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** SIGKILL to the process and its descendants, then waits for the process to be gone. */
    static void kill(Process process, String what) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
    }

    /** SIGSTOP, SIGCONT and the like through kill(1): ProcessHandle can only terminate. */
    static void signal(Shell shell, Process process, String signal) {
        List<String> argv = new ArrayList<>(List.of("kill", "-" + signal));
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).forEach(p -> argv.add(Long.toString(p.pid())));
        shell.check(argv);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }
}
