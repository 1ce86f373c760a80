package io.faultline.checker.txn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which consistency models an anomaly rules out, with Elle's names and Elle's relation (elle.consistency-model): a
 * graph of models (each implies the weaker ones listed), the anomalies each model forbids directly, and a graph of
 * anomalies (each implies the ones listed). A history rules out a model when an anomaly it shows, or one implied by
 * it, is forbidden by that model or by a weaker model it implies.
 *
 * <p>One difference: Elle's G-single and G-nonadjacent do not imply G2-item (its own note says they should, for
 * item rw edges); every rw edge here is an item anti-dependency, so they do, and read skew rules out repeatable-read.
 */
public final class ConsistencyModels {
    public static final String DEFAULT = "strict-serializable";

    private static final Map<String, List<String>> WEAKER = new LinkedHashMap<>();
    private static final Map<String, List<String>> FORBIDS = new LinkedHashMap<>();
    private static final Map<String, List<String>> IMPLIES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("strong-serializable", "strict-serializable");
    private static final Set<String> REALTIME = Set.of("strict-serializable", "strong-snapshot-isolation", "strong-read-committed",
            "strong-read-uncommitted");

    static {
        WEAKER.put("strict-serializable", List.of("serializable", "snapshot-isolation", "strong-snapshot-isolation", "strong-session-serializable"));
        WEAKER.put("strong-session-serializable", List.of("serializable", "strong-session-snapshot-isolation"));
        WEAKER.put("serializable", List.of("repeatable-read", "snapshot-isolation"));
        WEAKER.put("strong-snapshot-isolation", List.of("strong-session-snapshot-isolation", "strong-read-committed"));
        WEAKER.put("strong-session-snapshot-isolation", List.of("snapshot-isolation", "strong-session-read-committed"));
        WEAKER.put("snapshot-isolation", List.of("read-committed"));
        WEAKER.put("repeatable-read", List.of("read-committed"));
        WEAKER.put("strong-read-committed", List.of("strong-session-read-committed", "strong-read-uncommitted"));
        WEAKER.put("strong-session-read-committed", List.of("read-committed", "strong-session-read-uncommitted"));
        WEAKER.put("read-committed", List.of("read-uncommitted"));
        WEAKER.put("strong-read-uncommitted", List.of("strong-session-read-uncommitted"));
        WEAKER.put("strong-session-read-uncommitted", List.of("read-uncommitted"));
        WEAKER.put("read-uncommitted", List.of());

        FORBIDS.put("read-uncommitted", List.of("G0", "duplicate-elements", "cyclic-versions", "garbage-read"));
        FORBIDS.put("read-committed", List.of("G1"));
        FORBIDS.put("repeatable-read", List.of("G1", "G2-item"));
        FORBIDS.put("snapshot-isolation", List.of("internal", "G1", "G-single", "G-nonadjacent"));
        FORBIDS.put("serializable", List.of("internal", "G1", "G2"));
        FORBIDS.put("strict-serializable", List.of("G1", "G1c-realtime", "G2-realtime"));
        FORBIDS.put("strong-session-read-uncommitted", List.of("G0-process"));
        FORBIDS.put("strong-session-read-committed", List.of("G1c-process"));
        FORBIDS.put("strong-read-uncommitted", List.of("G0-realtime"));
        FORBIDS.put("strong-read-committed", List.of("G1c-realtime"));
        FORBIDS.put("strong-session-snapshot-isolation", List.of("internal", "G1-process", "G-nonadjacent-process"));
        FORBIDS.put("strong-snapshot-isolation", List.of("internal", "G1-realtime", "G-nonadjacent-realtime"));
        FORBIDS.put("strong-session-serializable", List.of("G1-process", "G2-process"));

        IMPLIES.put("G0", List.of("G1c", "G0-process"));
        IMPLIES.put("G0-process", List.of("G1c-process", "G0-realtime"));
        IMPLIES.put("G0-realtime", List.of("G1c-realtime"));
        IMPLIES.put("G1a", List.of("G1"));
        IMPLIES.put("G1b", List.of("G1"));
        IMPLIES.put("G1c", List.of("G1", "G1c-process"));
        IMPLIES.put("G1c-process", List.of("G1c-realtime", "G1-process"));
        IMPLIES.put("G1c-realtime", List.of("G1-realtime"));
        IMPLIES.put("G1", List.of("G1-process"));
        IMPLIES.put("G1-process", List.of("G1-realtime"));
        IMPLIES.put("G-single", List.of("G-nonadjacent", "G2-item", "G-single-process"));
        IMPLIES.put("G-single-process", List.of("G-nonadjacent-process", "G2-item-process", "G-single-realtime"));
        IMPLIES.put("G-single-realtime", List.of("G-nonadjacent-realtime", "G2-item-realtime"));
        IMPLIES.put("G-nonadjacent", List.of("G2", "G2-item", "G-nonadjacent-process"));
        IMPLIES.put("G-nonadjacent-process", List.of("G2-process", "G2-item-process", "G-nonadjacent-realtime"));
        IMPLIES.put("G-nonadjacent-realtime", List.of("G2-realtime", "G2-item-realtime"));
        IMPLIES.put("G2-item", List.of("G2", "G2-item-process"));
        IMPLIES.put("G2-item-process", List.of("G2-process", "G2-item-realtime"));
        IMPLIES.put("G2-item-realtime", List.of("G2-realtime"));
        IMPLIES.put("G2", List.of("G2-process"));
        IMPLIES.put("G2-process", List.of("G2-realtime"));
        // A list-append read that no single order explains must have seen some write that never committed.
        IMPLIES.put("incompatible-order", List.of("G1a"));
        // A committed append missing from a read that began after it committed: that read anti-depends on it in realtime.
        IMPLIES.put("lost-append", List.of("G-single-realtime"));
    }

    private ConsistencyModels() {
    }

    /** The model names accepted, strongest first. */
    public static List<String> names() {
        return List.copyOf(WEAKER.keySet());
    }

    /** The canonical name of a model; the error lists the names known. */
    public static String canonical(String name) {
        String canonical = ALIASES.getOrDefault(name, name);
        if (!WEAKER.containsKey(canonical)) {
            throw new IllegalArgumentException("unknown consistency model '" + name + "'; expected one of: " + String.join(", ", names()));
        }
        return canonical;
    }

    /** Whether checking the model needs realtime edges (it is strict or strong, not session). */
    static boolean needsRealtime(String model) {
        return REALTIME.contains(model);
    }

    /** Whether checking the model needs per-process edges (a strong session model). */
    static boolean needsProcess(String model) {
        return model.startsWith("strong-session-");
    }

    /** The models the anomalies rule out, weakest first. */
    static Set<String> ruledOut(Set<String> anomalies) {
        Set<String> shown = closure(anomalies, IMPLIES);
        Set<String> out = new LinkedHashSet<>();
        List<String> weakestFirst = new java.util.ArrayList<>(names());
        java.util.Collections.reverse(weakestFirst);
        for (String model : weakestFirst) {
            for (String m : closure(Set.of(model), WEAKER)) {
                if (FORBIDS.getOrDefault(m, List.of()).stream().anyMatch(shown::contains)) {
                    out.add(model);
                    break;
                }
            }
        }
        return out;
    }

    /** The weakest of the models ruled out: those none of whose weaker models is ruled out (Elle's :not). */
    static Set<String> weakest(Set<String> ruledOut) {
        Set<String> weakest = new TreeSet<>();
        for (String model : ruledOut) {
            Set<String> below = closure(Set.of(model), WEAKER);
            below.remove(model);
            if (below.stream().noneMatch(ruledOut::contains)) weakest.add(model);
        }
        return weakest;
    }

    private static Set<String> closure(Set<String> from, Map<String, List<String>> graph) {
        Set<String> seen = new LinkedHashSet<>(from);
        Deque<String> pending = new ArrayDeque<>(from);
        while (!pending.isEmpty()) {
            for (String next : graph.getOrDefault(pending.pop(), List.of())) {
                if (seen.add(next)) pending.push(next);
            }
        }
        return seen;
    }
}
