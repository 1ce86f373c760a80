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
        signal(shell, Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList(), signal);
    }

    static void signal(Shell shell, List<ProcessHandle> processes, String signal) {
        if (processes.isEmpty()) return;
        List<String> argv = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> argv.add(Long.toString(p.pid())));
        shell.check(argv);
    }

    /**
     * Every process running as {@code user}: a system that detaches its own children (Patroni starts PostgreSQL's
     * postmaster in a session of its own, whose parent is then PID 1) is all of them, not one tree.
     */
    static List<ProcessHandle> ownedBy(String user) {
        return ProcessHandle.allProcesses().filter(p -> p.info().user().map(user::equals).orElse(false)).toList();
    }

    /** SIGKILL to each, then waits for all to be gone. */
    static void kill(List<ProcessHandle> processes, String what) throws InterruptedException {
        processes.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : processes) {
            while (p.isAlive()) {
                if (System.nanoTime() - deadline > 0) throw new IllegalStateException(what + ": pid " + p.pid() + " survived SIGKILL for 10 s");
                Thread.sleep(20);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }
}
