package io.faultline.agent.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A {@link Shell} that runs nothing: it records each command and answers from a script (default: success). */
final class RecordingShell implements Shell {
    static final String IP_ADDR = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            18: eth0    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\\       valid_lft forever preferred_lft forever
            20: eth1    inet 172.19.0.2/16 brd 172.19.255.255 scope global eth1\\       valid_lft forever preferred_lft forever
            """;

    private final List<List<String>> commands = new ArrayList<>();
    /** For each command, the rules an iptables-restore read from its file (empty for other commands). */
    private final List<List<String>> restored = new ArrayList<>();
    private Function<List<String>, Result> script = argv -> argv.get(0).equals("ip")
            ? new Result(argv, 0, IP_ADDR, "") : new Result(argv, 0, "", "");

    /** Answers commands for which {@code answer} returns non-null; the rest as before. */
    RecordingShell answer(Function<List<String>, Result> answer) {
        Function<List<String>, Result> previous = script;
        script = argv -> {
            Result result = answer.apply(argv);
            return result != null ? result : previous.apply(argv);
        };
        return this;
    }

    @Override
    public synchronized Result run(List<String> argv, Duration timeout) {
        commands.add(List.copyOf(argv));
        restored.add(argv.get(0).equals("iptables-restore") ? read(argv.get(argv.size() - 1)) : List.of());
        return script.apply(argv);
    }

    private static List<String> read(String file) {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /**
     * The commands as command lines, for readable assertions; an iptables-restore shows as the rule lines it
     * read, each prefixed {@code restore}.
     */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).get(0).equals("iptables-restore")) {
                restored.get(i).stream().filter(l -> l.startsWith("-")).forEach(l -> lines.add("restore " + l));
            } else {
                lines.add(String.join(" ", commands.get(i)));
            }
        }
        return lines;
    }

    synchronized void clear() {
        commands.clear();
        restored.clear();
    }
}
