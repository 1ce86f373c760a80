package io.faultline.agent.node;

import java.util.List;

/**
 * A chain of our own, jumped to from INPUT (or OUTPUT), whose rules we replace as a whole: our rules never mix with
 * anyone else's, and healing is an empty replacement no matter what was applied before. Every call passes {@code -w}
 * so that two iptables runs wait for each other's lock instead of failing. Blocking.
 */
final class IptablesChain {
    /**
     * One iptables-restore per chain, kept running: it commits each table block when it reads its COMMIT line,
     * so a fault costs a write to its stdin rather than a process start, which on a loaded node took 5 to 200 ms
     * where iptables itself takes one. With {@code --verbose} it echoes each comment line it reads, so the comment
     * after a COMMIT says the commit is done. It holds the xtables lock only while committing. A failing block
     * makes it exit, with the reason on stderr; the next block starts another.
     */
    static final List<String> RESTORE = List.of("iptables-restore", "-w", "5", "--noflush", "--verbose");

    private final Shell shell;
    private final String name;
    private final String hook;
    private boolean ensured;
    private Shell.Session restore;
    private long blocks;

    IptablesChain(Shell shell, String name) {
        this(shell, name, "INPUT");
    }

    /** @param hook the built-in chain that jumps to this one: INPUT for what arrives, OUTPUT for what leaves */
    IptablesChain(Shell shell, String name, String hook) {
        this.shell = shell;
        this.name = name;
        this.hook = hook;
    }

    String name() {
        return name;
    }

    /**
     * Makes the rules of this chain exactly {@code rules} (each the arguments after {@code -A <chain>}) in one
     * table block: the swap is atomic, and the whole of it is one write and one read.
     */
    synchronized void replace(List<List<String>> rules) {
        ensure();
        StringBuilder block = new StringBuilder("*filter\n-F ").append(name).append('\n');
        for (List<String> rule : rules) block.append("-A ").append(name).append(' ').append(String.join(" ", rule)).append('\n');
        block.append("COMMIT\n");
        commit(block.toString());
    }

    synchronized void flush() {
        replace(List.of());
    }

    private void commit(String block) {
        if (restore == null || !restore.alive()) restore = shell.start(RESTORE);
        String done = "# faultline block " + ++blocks;
        restore.send(block + done + '\n');
        for (String line; (line = restore.readLine(Shell.DEFAULT_TIMEOUT)) != null; ) {
            if (line.equals(done)) return;
        }
        Shell.Session ended = restore;
        restore = null;
        ended.exit().orThrow();
        throw new ShellException("`" + String.join(" ", RESTORE) + "` exited without committing the rules of " + name);
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
