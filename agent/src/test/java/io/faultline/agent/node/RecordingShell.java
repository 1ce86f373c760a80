package io.faultline.agent.node;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Shell} that runs nothing: it records each command and answers from a script (default: success). A
 * started session is an iptables-restore: each block sent to it is recorded as one run of its command, answered
 * from the same script; a failing answer ends the session as iptables-restore ends, and a success echoes the
 * block's comment lines as {@code --verbose} does.
 */
final class RecordingShell implements Shell {
    static final String IP_ADDR = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            18: eth0    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\\       valid_lft forever preferred_lft forever
            20: eth1    inet 172.19.0.2/16 brd 172.19.255.255 scope global eth1\\       valid_lft forever preferred_lft forever
            """;

    private final List<List<String>> commands = new ArrayList<>();
    /** For each command, the lines an iptables-restore read (empty for other commands). */
    private final List<List<String>> restored = new ArrayList<>();
    private int started;
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
        restored.add(List.of());
        return script.apply(argv);
    }

    @Override
    public synchronized Session start(List<String> argv) {
        started++;
        return new RestoreSession(List.copyOf(argv));
    }

    /** How many sessions were started. */
    synchronized int started() {
        return started;
    }

    private synchronized Result fed(List<String> argv, String text) {
        commands.add(argv);
        restored.add(text.lines().toList());
        return script.apply(argv);
    }

    private final class RestoreSession implements Session {
        private final List<String> argv;
        private final Deque<String> out = new ArrayDeque<>();
        private Result ended;

        RestoreSession(List<String> argv) {
            this.argv = argv;
        }

        @Override
        public void send(String text) {
            if (ended != null) return;
            Result result = fed(argv, text);
            if (result.ok()) text.lines().filter(l -> l.startsWith("#")).forEach(out::add);
            else ended = result;
        }

        @Override
        public String readLine(Duration timeout) {
            return out.poll();
        }

        @Override
        public boolean alive() {
            return ended == null;
        }

        @Override
        public Result exit() {
            return ended != null ? ended : new Result(argv, 0, "", "");
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
