package io.faultline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run or a check found, as {@code results.json} holds it and {@code check --json} prints it: the
 * verdict, one line saying why, each checker's result, the operation counts and the timings; for a run also
 * the test, its seed and its shape. Always written and read through this record, with Jackson.
 *
 * @param file     the history a {@code check} read; null for a run
 * @param origin   the wall-clock instant (ISO-8601, UTC) of time 0 on the history's timeline, so that node logs,
 *                 which carry wall-clock times, can be placed on it; null for a check
 * @param phaseMs  milliseconds per phase of a run, or {@code check} for a check
 * @param plugins  the plugins (jars or folders of jars) the run's agents loaded clients from; null when none
 * @param checkers each checker's result by name; null when the run never got to checking
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"valid", "why", "file", "test", "run", "seed", "started", "origin", "nodes", "concurrency", "workload", "client",
        "plugins", "nemesis", "ops", "phase-ms", "clocks", "checkers"})
public record Results(Verdict valid, String why, String file, String test, String run, Long seed, String started,
                      String origin, List<String> nodes, Integer concurrency, String workload, String client, List<String> plugins, Nemesis nemesis, Ops ops,
                      @JsonProperty("phase-ms") Map<String, Long> phaseMs, Map<String, Clock> clocks,
                      Map<String, CheckResult> checkers) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final int SHOWN_CHARS = 160;

    /**
     * A node's clock as the control last estimated it (DESIGN.md decision 3): its monotonic clock minus the control's,
     * known to within the uncertainty, by which every operation of the node was widened. Between machines the offset
     * is arbitrary (monotonic clocks start at boot); what matters is that it was measured, and how well.
     */
    public record Clock(@JsonProperty("offset-ns") long offsetNanos, @JsonProperty("uncertainty-ns") long uncertaintyNanos) {
    }

    /** The faults a run planned and the nemesis actions that failed (each makes the verdict unknown). */
    public record Nemesis(List<String> faults, List<String> failures) {
    }

    /** Client events in the history: all of them, and by f and type ({@code {read: {invoke: 10, ok: 9, fail: 1}}}). */
    public record Ops(@JsonProperty("history-events") long historyEvents,
                      @JsonProperty("by-f") Map<String, Map<String, Long>> byF) {

        public static Ops of(History history) {
            Map<String, Map<String, Long>> byF = new TreeMap<>();
            for (Op op : history) {
                if (!op.isNemesis()) byF.computeIfAbsent(op.f(), f -> new LinkedHashMap<>()).merge(op.type().wireName(), 1L, Long::sum);
            }
            return new Ops(history.size(), byF);
        }

        /** Client operations that completed, whatever their outcome. */
        public long completions() {
            return byF.values().stream().mapToLong(types -> types.entrySet().stream()
                    .filter(type -> !type.getKey().equals("invoke")).mapToLong(Map.Entry::getValue).sum()).sum();
        }
    }

    /** The results of {@code check} for one history, judged by a {@link io.faultline.checker.CompositeChecker}. */
    public static Results ofCheck(String file, History history, CheckResult composite, long ms) {
        return new Results(composite.valid(), why(composite), file, null, null, null, null, null, null, null, null, null, null, null,
                Ops.of(history), Map.of("check", ms), null, byChecker(composite));
    }

    /** The per-checker results of a {@link io.faultline.checker.CompositeChecker}'s result. */
    public static Map<String, CheckResult> byChecker(CheckResult composite) {
        Map<String, CheckResult> byName = new LinkedHashMap<>();
        composite.details().forEach((name, result) -> byName.put(name, (CheckResult) result));
        return byName;
    }

    public static Results read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Results.class);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Indented JSON of results, or of a report made of them. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("results could not be written as JSON", e);
        }
    }

    /** One line saying why a check came out as it did, for logs, the console and results.json. */
    public static String why(CheckResult result) {
        if (result.valid() == Verdict.VALID) return "every checker found the history valid";
        String found = find(result, "");
        return found != null ? found : "a checker found the history " + result.valid().word();
    }

    /** The reason of the first checker whose verdict is the whole's: an unknown does not explain an invalid. */
    private static String find(CheckResult result, String name) {
        Map<String, Object> details = result.details();
        if (details.get("counterexample") instanceof Map<?, ?> ce && ce.get("summary") != null) {
            return name + "not linearizable: " + ce.get("summary");
        }
        for (Map.Entry<String, Object> e : details.entrySet()) {
            if (e.getValue() instanceof CheckResult nested && nested.valid() == result.valid()) {
                String inner = find(nested, e.getKey() + ": ");
                if (inner != null) return inner;
            }
        }
        if (details.get("error") != null) return name + details.get("error");
        if (details.get("summary") instanceof String summary) return name + summary;
        StringBuilder anomalies = new StringBuilder();
        for (String key : List.of("lost", "unexpected", "duplicated", "errors")) {
            Object v = details.get(key);
            boolean some = v instanceof Collection<?> c && !c.isEmpty() || v instanceof Map<?, ?> m && !m.isEmpty();
            if (some) anomalies.append(anomalies.isEmpty() ? "" : "; ").append(key).append(' ').append(abbreviate(v));
        }
        return anomalies.isEmpty() ? null : name + anomalies;
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS - 3) + "...";
    }
}
