package io.faultline.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lines of the logs collected from the nodes ({@code nodes/<node>/<file>}), each placed on the history's
 * timeline: a line's wall-clock time (ISO-8601 as etcd's zap logger and most others write it, or a JSON
 * {@code "ts"} of epoch seconds) minus the run's wall-clock origin. A time without a zone is taken as UTC, the
 * node containers' zone; a line without a time (a stack trace's) takes the time of the line before it.
 */
final class NodeLogs {
    /** How many lines are kept per file, at most: the report shows a window of them, never a whole log. */
    static final int MAX_LINES_PER_FILE = 200_000;
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern EPOCH_TS = Pattern.compile("\"ts\"\\s*:\\s*(\\d{9,11}(?:\\.\\d+)?)");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    /** One log line: its node, file, line number, time in history nanoseconds and text. */
    record Line(String node, String file, int number, long time, String text) {
    }

    private NodeLogs() {
    }

    /** Every node log of the run directory that has timed lines, as relative paths, e.g. {@code nodes/n1/etcd.log}. */
    static List<Path> files(Path runDir) throws IOException {
        Path nodes = runDir.resolve("nodes");
        if (!Files.isDirectory(nodes)) return List.of();
        try (Stream<Path> walk = Files.walk(nodes, 2)) {
            return walk.filter(Files::isRegularFile).map(runDir::relativize).sorted().toList();
        }
    }

    /** The lines of every node log placed on the timeline of a run that started at {@code origin}. */
    static List<Line> read(Path runDir, Instant origin) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Path relative : files(runDir)) {
            String node = relative.getNameCount() >= 3 ? relative.getName(1).toString() : "?";
            lines.addAll(read(runDir.resolve(relative), node, relative.toString(), origin));
        }
        lines.sort((a, b) -> Long.compare(a.time(), b.time()));
        return lines;
    }

    static List<Line> read(Path file, String node, String name, Instant origin) throws IOException {
        List<Line> lines = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String text;
            int number = 0;
            Long last = null;
            while ((text = in.readLine()) != null && lines.size() < MAX_LINES_PER_FILE) {
                number++;
                Instant at = time(text);
                if (at != null) last = java.time.Duration.between(origin, at).toNanos();
                if (last != null && !text.isBlank()) lines.add(new Line(node, name, number, last, text));
            }
        }
        return lines;
    }

    /** The wall-clock time a log line carries, or null. */
    static Instant time(String text) {
        Matcher iso = ISO.matcher(text);
        if (iso.find()) {
            try {
                String fraction = iso.group(3) == null ? "" : "." + iso.group(3);
                LocalDateTime local = LocalDateTime.parse(iso.group(1) + "T" + iso.group(2) + fraction);
                String zone = iso.group(4);
                ZoneOffset offset = zone == null || zone.equals("Z") ? ZoneOffset.UTC
                        : ZoneOffset.from(OFFSET.parse(zone.replace(":", "")));
                return OffsetDateTime.of(local, offset).toInstant();
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        Matcher epoch = EPOCH_TS.matcher(text);
        if (epoch.find()) {
            long nanos = new java.math.BigDecimal(epoch.group(1)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(0, nanos);
        }
        return null;
    }
}
