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
        return script.apply(argv);
    }

    synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** The commands as command lines, for readable assertions. */
    synchronized List<String> lines() {
        return commands.stream().map(c -> String.join(" ", c)).toList();
    }

    synchronized void clear() {
        commands.clear();
    }
}
