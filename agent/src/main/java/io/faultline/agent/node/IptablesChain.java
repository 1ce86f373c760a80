package io.faultline.agent.node;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain of our own, jumped to from INPUT, whose rules we replace and flush as a whole: our rules never
 * mix with anyone else's, and healing is a flush no matter what was applied before. Every call passes
 * {@code -w} so that two iptables runs wait for each other's lock instead of failing. Blocking.
 */
final class IptablesChain {
    private final Shell shell;
    private final String name;
    private boolean ensured;

    IptablesChain(Shell shell, String name) {
        this.shell = shell;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Makes the rules of this chain exactly {@code rules} (each the arguments after {@code -A <chain>}). */
    synchronized void replace(List<List<String>> rules) {
        flush();
        for (List<String> rule : rules) {
            List<String> argv = new ArrayList<>(List.of("iptables", "-w", "-A", name));
            argv.addAll(rule);
            shell.check(argv);
        }
    }

    synchronized void flush() {
        ensure();
        shell.check(List.of("iptables", "-w", "-F", name));
    }

    /** Creates the chain and the jump to it once; both survive a crash of the agent, so look before adding. */
    private void ensure() {
        if (ensured) return;
        try {
            if (!shell.run(List.of("iptables", "-w", "-n", "-L", name)).ok()) {
                shell.check(List.of("iptables", "-w", "-N", name));
            }
            if (!shell.run(List.of("iptables", "-w", "-C", "INPUT", "-j", name)).ok()) {
                shell.check(List.of("iptables", "-w", "-I", "INPUT", "-j", name));
            }
        } catch (ShellException e) {
            // The usual cause, and the first place it shows: a container started without NET_ADMIN.
            throw new ShellException(e.getMessage() + " (iptables needs root and the NET_ADMIN capability)", e);
        }
        ensured = true;
    }
}
