package io.faultline.agent.node;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTreeTest {

    @Test
    void aUsersProcessesIncludeOnesThatLeftTheirParentsTree() throws Exception {
        // A shell that starts sleep in the background and exits: sleep's parent is then PID 1 (or a subreaper), as a
        // postmaster's is once Patroni has started it.
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!").start();
        long orphan = Long.parseLong(new String(shell.getInputStream().readAllBytes()).trim());
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle sleep = ProcessHandle.of(orphan).orElseThrow();
        try {
            assertThat(shell.descendants().toList()).doesNotContain(sleep);
            List<ProcessHandle> mine = ProcessTree.ownedBy(ProcessHandle.current().info().user().orElseThrow());
            assertThat(mine).contains(sleep, ProcessHandle.current());
        } finally {
            sleep.destroyForcibly();
        }
    }
}
