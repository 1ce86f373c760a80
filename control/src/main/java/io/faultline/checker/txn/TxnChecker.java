package io.faultline.checker.txn;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Elle's transactional checkers, {@code list-append} and {@code rw-register}: infer the dependency graph between
 * transactions (ww, wr, rw; realtime and process order for the strict and session models asked for), find its
 * strongly connected components, and classify a short cycle of each anomaly class in each. A history is invalid when
 * an anomaly it shows rules out one of the consistency models asked for; unknown only with a stated reason.
 */
public final class TxnChecker implements Checker {
    public static final String LIST_APPEND = "list-append";
    public static final String RW_REGISTER = "rw-register";
    /** The transactional checkers' names, for configs and the command line. */
    public static final List<String> NAMES = List.of(LIST_APPEND, RW_REGISTER);
    /** The option a config's checker section may set for these checkers. */
    public static final String MODELS_OPTION = "consistency-models";

    private final TxnHistory.Kind kind;
    private final List<String> models;
    private final Duration timeLimit;

    public TxnChecker(String name, List<String> models, Duration timeLimit) {
        this.kind = switch (name) {
            case LIST_APPEND -> TxnHistory.Kind.LIST_APPEND;
            case RW_REGISTER -> TxnHistory.Kind.RW_REGISTER;
            default -> throw new IllegalArgumentException("not a transactional checker: " + name);
        };
        if (models.isEmpty()) throw new IllegalArgumentException("no consistency model given; e.g. " + ConsistencyModels.DEFAULT);
        List<String> canonical = new ArrayList<>();
        for (String m : models) canonical.add(ConsistencyModels.canonical(m.strip()));
        this.models = List.copyOf(canonical);
        this.timeLimit = timeLimit;
    }

    /** The checker a config's section for it asks for: {@code consistency-models} (default strict-serializable). */
    public static TxnChecker configured(String name, Map<String, Object> options, Duration timeLimit) {
        Object models = options.get(MODELS_OPTION);
        List<String> names = models instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(ConsistencyModels.DEFAULT);
        return new TxnChecker(name, names, timeLimit);
    }

    public static boolean isTxnChecker(String name) {
        return NAMES.contains(name);
    }

    @Override
    public String name() {
        return kind.checkerName;
    }

    public TxnHistory.Kind kind() {
        return kind;
    }

    @Override
    public CheckResult check(History history) {
        TxnHistory txns;
        try {
            txns = TxnHistory.of(history, kind);
        } catch (TxnHistory.Malformed e) {
            return CheckResult.unknown(e.getMessage());
        }
        return check(txns);
    }

    public CheckResult check(TxnHistory h) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        if (h.notUnique != null) return CheckResult.unknown("nothing can be inferred: " + h.notUnique);
        int committed = 0;
        for (int t = 0; t < h.txns; t++) if (h.status[t] == TxnHistory.OK) committed++;
        if (committed == 0) return CheckResult.unknown("nothing can be inferred: no transaction completed ok");
        boolean realtime = models.stream().anyMatch(ConsistencyModels::needsRealtime);
        boolean process = models.stream().anyMatch(ConsistencyModels::needsProcess);

        Inference inference = Inference.of(h);
        DependencyGraph g = new DependencyGraph(h.txns, realtime ? h.virtualNodes : 0);
        inference.addDataEdges(g);
        if (process) addProcessEdges(h, g);
        if (realtime) addRealtimeEdges(h, g);
        g.freeze();
        List<int[]> components = g.cyclicComponents();

        List<CycleSearch.Variant> variants = new ArrayList<>(List.of(CycleSearch.Variant.NONE));
        if (process) variants.add(CycleSearch.Variant.PROCESS_ORDER);
        if (realtime) variants.add(CycleSearch.Variant.REAL_TIME);
        CycleSearch search = new CycleSearch(g, deadline);
        int searched = 0;
        for (int[] component : components) {
            if (search.overBudget() || System.nanoTime() > deadline) break;
            for (CycleSearch.Cycle cycle : search.classify(component, variants)) inference.report(cycle.anomaly(), explain(h, inference, cycle));
            if (!search.overBudget()) searched++;
        }
        for (Map<String, Object> internal : h.internal) inference.report("internal", internal);

        Set<String> types = new TreeSet<>(inference.counts.keySet());
        Set<String> ruledOut = ConsistencyModels.ruledOut(types);
        Set<String> violated = new LinkedHashSet<>(models);
        violated.retainAll(ruledOut);
        Verdict verdict = !violated.isEmpty() ? Verdict.INVALID : searched < components.size() ? Verdict.UNKNOWN : Verdict.VALID;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consistency-models", models);
        details.put("anomaly-types", List.copyOf(types));
        Set<String> weakest = ConsistencyModels.weakest(ruledOut);
        details.put("not", List.copyOf(weakest));
        Set<String> alsoNot = new TreeSet<>(ruledOut);
        alsoNot.removeAll(weakest);
        details.put("also-not", List.copyOf(alsoNot));
        details.put("anomaly-counts", inference.counts);
        details.put("anomalies", inference.anomalies);
        details.put("txns", h.txns);
        details.put("edges", g.edgeCount());
        details.put("cyclic-components", components.size());
        if (verdict == Verdict.INVALID) {
            details.put("summary", String.join(", ", types) + " rule" + (types.size() == 1 ? "s" : "") + " out " + String.join(", ", violated));
        } else if (verdict == Verdict.UNKNOWN) {
            details.put("error", "cycle search over its time budget (" + timeLimit.toSeconds() + " s): " + (components.size() - searched)
                    + " of " + components.size() + " strongly connected components not classified"
                    + (types.isEmpty() ? "" : "; found so far: " + String.join(", ", types) + ", which rule out none of " + models));
        }
        return new CheckResult(verdict, details);
    }

    /** Consecutive transactions of a process are ordered (a process runs one at a time). */
    private static void addProcessEdges(TxnHistory h, DependencyGraph g) {
        Map<Integer, Integer> last = new HashMap<>();
        for (int t = 0; t < h.txns; t++) {
            if (h.status[t] == TxnHistory.FAIL) continue;
            Integer before = last.put(h.process[t], t);
            if (before != null) g.add(before, t, DependencyGraph.PROCESS);
        }
    }

    /** Realtime order through the chain of virtual nodes (see {@link DependencyGraph}). */
    private static void addRealtimeEdges(TxnHistory h, DependencyGraph g) {
        int n = h.txns;
        for (int t = 0; t < n; t++) {
            if (h.status[t] == TxnHistory.FAIL) continue;
            if (h.rtAfter[t] >= 0) g.add(t, n + h.rtAfter[t], DependencyGraph.REALTIME);
            if (h.rtBefore[t] >= 0) g.add(n + h.rtBefore[t], t, DependencyGraph.VIRTUAL);
        }
        for (int v = 0; v + 1 < h.virtualNodes; v++) g.add(n + v, n + v + 1, DependencyGraph.VIRTUAL);
    }

    private static Map<String, Object> explain(TxnHistory h, Inference inference, CycleSearch.Cycle cycle) {
        int[] txns = cycle.txns();
        List<String> steps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<Object> ops = new ArrayList<>();
        for (int i = 0; i < txns.length; i++) {
            int a = txns[i];
            int b = txns[(i + 1) % txns.length];
            byte type = cycle.types()[i];
            ops.add(h.describe(a));
            String label = DependencyGraph.typeName(type);
            if (type == DependencyGraph.PROCESS) {
                steps.add("T" + (a + 1) + " and T" + (b + 1) + " ran on process " + h.process[a] + ", T" + (a + 1) + " first, so T" + (a + 1) + " < T" + (b + 1));
            } else if (type == DependencyGraph.REALTIME) {
                steps.add("T" + (a + 1) + " completed (op " + h.opIndex[a] + ") before T" + (b + 1) + " was invoked (op " + h.invokeIndex[b] + "), so T"
                        + (a + 1) + " < T" + (b + 1));
            } else {
                steps.add(inference.explain(a, b, type));
                Object key = inference.edgeKey(a, b, type);
                if (key != null) label += " " + io.faultline.history.Values.show(key);
            }
            labels.add(label);
            colours.add(CycleSvg.colour(type));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cycle", ops);
        c.put("steps", steps);
        if (txns.length <= CycleSvg.MAX_DRAWN) c.put("svg", CycleSvg.draw(cycle.anomaly(), txns, labels, colours));
        else c.put("svg-omitted", "a cycle of " + txns.length + " transactions is not drawn (at most " + CycleSvg.MAX_DRAWN + ")");
        return c;
    }
}
