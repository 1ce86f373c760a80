package io.faultline.checker.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.faultline.checker.txn.DependencyGraph.PROCESS;
import static io.faultline.checker.txn.DependencyGraph.REALTIME;
import static io.faultline.checker.txn.DependencyGraph.RW;
import static io.faultline.checker.txn.DependencyGraph.VIRTUAL;
import static io.faultline.checker.txn.DependencyGraph.WR;
import static io.faultline.checker.txn.DependencyGraph.WW;

/**
 * Finds, inside one strongly connected component, a short cycle of each of Adya's and Elle's classes. A class is a
 * data shape (which of ww, wr, rw edges, how many rw, whether two may be adjacent) and a variant (none, or needing a
 * process or a realtime edge). For each anchor edge of the shape's defining type, a breadth-first search from its
 * head back to its tail runs over (node, rw edges so far, last edge rw, variant edge used), so the cycle it closes
 * has the shape by construction; the shortest over the anchors tried is kept.
 */
final class CycleSearch {

    enum Shape {
        G0("G0", WW, WW), G1C("G1c", WR, (byte) (WW | WR)), G_SINGLE("G-single", RW, (byte) (WW | WR | RW)),
        G_NONADJACENT("G-nonadjacent", RW, (byte) (WW | WR | RW)), G2_ITEM("G2-item", RW, (byte) (WW | WR | RW));

        final String name;
        final byte anchor;
        final byte data;

        Shape(String name, byte anchor, byte data) {
            this.name = name;
            this.anchor = anchor;
            this.data = data;
        }
    }

    enum Variant {
        NONE("", (byte) 0), PROCESS_ORDER("-process", PROCESS), REAL_TIME("-realtime", (byte) (PROCESS | REALTIME | VIRTUAL));

        final String suffix;
        final byte extra;

        Variant(String suffix, byte extra) {
            this.suffix = suffix;
            this.extra = extra;
        }
    }

    /** A cycle: step i goes from {@code txns[i]} to {@code txns[i+1]} (the last back to the first) by an edge of {@code types[i]}. */
    record Cycle(String anomaly, int[] txns, byte[] types) {
    }

    private final DependencyGraph g;
    /** Each node's index in the component searched, or -1; members maps back. */
    private final int[] localOf;
    private int[] members;
    private final long deadlineNanos;
    private boolean overBudget;

    CycleSearch(DependencyGraph g, long deadlineNanos) {
        this.g = g;
        this.localOf = new int[g.nodes];
        Arrays.fill(localOf, -1);
        this.deadlineNanos = deadlineNanos;
    }

    boolean overBudget() {
        return overBudget;
    }

    /**
     * One cycle per class found in the component, most specific classes first: a variant is looked for only when its
     * plain class is absent, and G2-item only when no G-single or G-nonadjacent cycle explains the component.
     */
    List<Cycle> classify(int[] component, List<Variant> variants) {
        for (int i = 0; i < component.length; i++) localOf[component[i]] = i;
        members = component;
        List<Cycle> found = new ArrayList<>();
        try {
            for (Shape shape : Shape.values()) {
                // G-single implies G-nonadjacent, and either implies G2-item: the weaker classes add nothing then.
                if (shape == Shape.G_NONADJACENT && found.stream().anyMatch(c -> c.anomaly().startsWith("G-single"))) continue;
                if (shape == Shape.G2_ITEM && found.stream().anyMatch(c -> c.anomaly().startsWith("G-"))) break;
                for (Variant variant : variants) {
                    Cycle c = shortest(component, shape, variant);
                    if (c != null) {
                        found.add(c);
                        break;
                    }
                    if (overBudget) return found;
                }
            }
            return found;
        } finally {
            for (int v : component) localOf[v] = -1;
        }
    }

    private Cycle shortest(int[] component, Shape shape, Variant variant) {
        Cycle best = null;
        int tried = 0;
        for (int u : component) {
            if (u >= g.txns) continue;
            for (int e = g.start[u]; e < g.start[u + 1]; e++) {
                if (g.type[e] != shape.anchor || localOf[g.to[e]] < 0) continue;
                Cycle c = search(component.length, u, g.to[e], shape, variant);
                if (c != null && (best == null || c.txns().length < best.txns().length)) best = c;
                if (best != null && (++tried >= 16 || best.txns().length == 2)) return best;
                if (System.nanoTime() > deadlineNanos) {
                    overBudget = true;
                    return best;
                }
            }
        }
        return best;
    }

    /** Per state: distance, the state before it and the edge taken; kept across searches, reset where touched. */
    private int[] dist = new int[0];
    private int[] parent = new int[0];
    private int[] via = new int[0];
    private int[] touchedStates = new int[64];
    private int touched;

    private void reach(int state, int d, int from, int edge) {
        if (dist[state] == Integer.MAX_VALUE) {
            if (touched == touchedStates.length) touchedStates = Arrays.copyOf(touchedStates, touched * 2);
            touchedStates[touched++] = state;
        }
        dist[state] = d;
        parent[state] = from;
        via[state] = edge;
    }

    // State bits beside the local node: rw edges so far (0, 1, 2 = two or more), the last edge was rw, a variant edge was used.
    private static final int STATES = 12;

    /** A 0-1 breadth-first search from {@code head} (just after the anchor edge) back to {@code tail}. */
    private Cycle search(int size, int tail, int head, Shape shape, Variant variant) {
        boolean anchorRw = shape.anchor == RW;
        byte allowed = (byte) (shape.data | variant.extra);
        if (dist.length < size * STATES) {
            dist = new int[size * STATES];
            Arrays.fill(dist, Integer.MAX_VALUE);
            parent = new int[size * STATES];
            via = new int[size * STATES];
        }
        touched = 0;
        int[] deque = new int[64];
        int front = 0;
        int back = 0;
        int first = state(localOf[head], anchorRw ? 1 : 0, anchorRw, false);
        reach(first, 0, -1, -1);
        deque[back++] = first;
        int goal = -1;
        while (front != back) {
            int s = deque[front];
            front = (front + 1) & (deque.length - 1);
            int node = members[s / STATES];
            int rw = (s % STATES) / 4;
            boolean lastRw = (s & 2) != 0;
            boolean extra = (s & 1) != 0;
            if (node == tail) {
                if (accepts(shape, variant, rw, lastRw, extra, anchorRw)) {
                    goal = s;
                    break;
                }
                // Going on through the tail would close a walk that visits it twice, not a cycle.
                continue;
            }
            for (int e = g.start[node]; e < g.start[node + 1]; e++) {
                byte t = g.type[e];
                if ((t & allowed) == 0) continue;
                int w = g.to[e];
                int lw = localOf[w];
                if (lw < 0) continue;
                if (t == RW && (shape == Shape.G_SINGLE && rw >= 1 || shape == Shape.G_NONADJACENT && lastRw)) continue;
                int rw2 = t == RW ? Math.min(2, rw + 1) : rw;
                boolean extra2 = extra || (variant == Variant.PROCESS_ORDER ? t == PROCESS : variant == Variant.REAL_TIME && t == REALTIME);
                int s2 = state(lw, rw2, t == RW, extra2);
                int d2 = dist[s] + (t == VIRTUAL ? 0 : 1);
                if (d2 >= dist[s2]) continue;
                reach(s2, d2, s, e);
                if (((back + 1) & (deque.length - 1)) == front) {
                    int[] bigger = new int[deque.length * 2];
                    int n = 0;
                    for (int i = front; i != back; i = (i + 1) & (deque.length - 1)) bigger[n++] = deque[i];
                    deque = bigger;
                    front = 0;
                    back = n;
                }
                if (t == VIRTUAL) {
                    front = (front - 1) & (deque.length - 1);
                    deque[front] = s2;
                } else {
                    deque[back] = s2;
                    back = (back + 1) & (deque.length - 1);
                }
            }
        }
        Cycle found = goal < 0 ? null : cycle(shape, variant, tail, head, goal, parent, via);
        // Only the states this search reached are reset, so a search costs what it explores, not the component's size.
        for (int i = 0; i < touched; i++) dist[touchedStates[i]] = Integer.MAX_VALUE;
        return found;
    }


    private static int state(int local, int rw, boolean lastRw, boolean extra) {
        return local * STATES + rw * 4 + (lastRw ? 2 : 0) + (extra ? 1 : 0);
    }

    private static boolean accepts(Shape shape, Variant variant, int rw, boolean lastRw, boolean extra, boolean anchorRw) {
        if (variant != Variant.NONE && !extra) return false;
        return switch (shape) {
            case G0, G1C -> true;
            case G_SINGLE -> rw == 1;
            case G_NONADJACENT -> rw == 2 && !(lastRw && anchorRw);
            case G2_ITEM -> rw >= 1;
        };
    }

    /** The anchor edge then the path found, with runs through virtual nodes folded into one realtime step. */
    private Cycle cycle(Shape shape, Variant variant, int tail, int head, int goal, int[] parent, int[] via) {
        List<Integer> edges = new ArrayList<>();
        for (int s = goal; parent[s] != -1; s = parent[s]) edges.add(via[s]);
        java.util.Collections.reverse(edges);
        List<Integer> txns = new ArrayList<>();
        List<Byte> types = new ArrayList<>();
        txns.add(tail);
        types.add(shape.anchor);
        int at = head;
        for (int e : edges) {
            byte t = g.type[e];
            int w = g.to[e];
            if (t == VIRTUAL) {
                if (w < g.txns) at = w;
                continue;
            }
            txns.add(at);
            types.add(t);
            at = w;
        }
        int[] nodes = txns.stream().mapToInt(Integer::intValue).toArray();
        // A walk through some transaction twice is two cycles, each found on its own; it is not reported as one.
        if (nodes.length != java.util.Arrays.stream(nodes).distinct().count()) return null;
        byte[] kinds = new byte[types.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = types.get(i);
        return new Cycle(shape.name + variant.suffix, nodes, kinds);
    }
}
