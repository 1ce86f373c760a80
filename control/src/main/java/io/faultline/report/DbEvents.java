package io.faultline.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the databases themselves say happened, read from their collected logs: which node became leader, which one
 * stepped down, which one threw away its divergent history — the failovers a reader of a Patroni or etcd run wants
 * beside the nemesis's faults. Each rule names the log file it reads, so a line of one system never matches another's.
 */
final class DbEvents {
    /** A line that repeats the same event on the same node within this long is the same event (Patroni logs demotion twice). */
    private static final long SAME_EVENT_NANOS = 5_000_000_000L;

    /** One event: when (history nanoseconds), where, what, and the log line that says so. */
    record Event(long time, String node, String what, NodeLogs.Line line) {
    }

    /** In a log file named {@code file…}, a line matching {@code pattern} is the event {@code what} ($1 for its group). */
    private record Rule(String file, Pattern pattern, String what) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("patroni", Pattern.compile("promoted self to leader"), "promoted to primary"),
            new Rule("patroni", Pattern.compile("acquired session lock as a leader"), "took the leader lock back"),
            new Rule("patroni", Pattern.compile("[Dd]emoting self"), "demoted itself"),
            new Rule("patroni", Pattern.compile("running pg_rewind from (n\\w+)"), "rewound from $1 (pg_rewind)"),
            new Rule("etcd", Pattern.compile("became leader at term (\\d+)"), "became leader (term $1)"));

    private DbEvents() {
    }

    /** The events among {@code lines} (in time order), repeats folded. */
    static List<Event> in(List<NodeLogs.Line> lines) {
        List<Event> events = new ArrayList<>();
        Map<String, Long> lastSeen = new HashMap<>();
        for (NodeLogs.Line line : lines) {
            String file = line.file().substring(line.file().lastIndexOf('/') + 1);
            for (Rule rule : RULES) {
                if (!file.startsWith(rule.file())) continue;
                Matcher m = rule.pattern().matcher(line.text());
                if (!m.find()) continue;
                String what = m.groupCount() > 0 ? rule.what().replace("$1", m.group(1)) : rule.what();
                Long before = lastSeen.put(line.node() + " " + what, line.time());
                if (before == null || line.time() - before > SAME_EVENT_NANOS) events.add(new Event(line.time(), line.node(), what, line));
                break;
            }
        }
        return events;
    }
}
