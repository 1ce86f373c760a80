package io.faultline.agent.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A chain of our own, jumped to from INPUT (or OUTPUT), whose rules we replace and flush as a whole: our rules never
 * mix with anyone else's, and healing is a flush no matter what was applied before. Every call passes
 * {@code -w} so that two iptables runs wait for each other's lock instead of failing. Blocking.
 */
final class IptablesChain {
    private final Shell shell;
    private final String name;
    private final String hook;
    private final Path rulesFile;
    private boolean ensured;

    /** @param rulesFile where the rules last applied are written, for iptables-restore and for people debugging */
    IptablesChain(Shell shell, String name, Path rulesFile) {
        this(shell, name, "INPUT", rulesFile);
    }

    /** @param hook the built-in chain that jumps to this one: INPUT for what arrives, OUTPUT for what leaves */
    IptablesChain(Shell shell, String name, String hook, Path rulesFile) {
        this.shell = shell;
        this.name = name;
        this.hook = hook;
        this.rulesFile = rulesFile;
    }

    String name() {
        return name;
    }

    /**
     * Makes the rules of this chain exactly {@code rules} (each the arguments after {@code -A <chain>}), in
     * one iptables-restore: one process instead of one per rule, and the swap is atomic, which is what
     * keeps a nemesis decision within milliseconds of the fault being in force.
     */
    synchronized void replace(List<List<String>> rules) {
        ensure();
        StringBuilder restore = new StringBuilder("*filter\n-F ").append(name).append('\n');
        for (List<String> rule : rules) restore.append("-A ").append(name).append(' ').append(String.join(" ", rule)).append('\n');
        restore.append("COMMIT\n");
        try {
            Files.createDirectories(rulesFile.toAbsolutePath().getParent());
            Files.writeString(rulesFile, restore, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rulesFile, e);
        }
        shell.check(List.of("iptables-restore", "-w", "5", "--noflush", rulesFile.toString()));
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
            if (!shell.run(List.of("iptables", "-w", "-C", hook, "-j", name)).ok()) {
                shell.check(List.of("iptables", "-w", "-I", hook, "-j", name));
            }
        } catch (ShellException e) {
            // The usual cause, and the first place it shows: a container started without NET_ADMIN.
            throw new ShellException(e.getMessage() + " (iptables needs root and the NET_ADMIN capability)", e);
        }
        ensured = true;
    }
}
