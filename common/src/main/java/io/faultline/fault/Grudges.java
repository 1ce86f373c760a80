package io.faultline.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * Partition shapes, as Jepsen's nemesis draws them. A grudge maps each node to the nodes it drops traffic
 * from; a node missing from the map drops nothing. Random shapes take their randomness from the caller,
 * so a seed reproduces them. Each shape is registered once, here, under the name configs use; {@code primary},
 * the node that leads cut off from the rest, is drawn by no one: the nemesis asks the db when the partition starts.
 */
public final class Grudges {
    public static final String PRIMARY = Targets.PRIMARY;
    private static final Map<String, BiFunction<List<String>, RandomGenerator, Map<String, Set<String>>>> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("halves", (nodes, random) -> halves(nodes));
        SHAPES.put("random-halves", (nodes, random) -> halves(shuffled(nodes, random)));
        SHAPES.put("one", (nodes, random) -> isolate(Set.of(nodes.get(random.nextInt(nodes.size()))), nodes));
        SHAPES.put("majority", (nodes, random) -> isolate(new HashSet<>(shuffled(nodes, random).subList(0, (nodes.size() - 1) / 2)), nodes));
        SHAPES.put("majorities-ring", (nodes, random) -> majoritiesRing(shuffled(nodes, random)));
        SHAPES.put("bridge", (nodes, random) -> bridge(shuffled(nodes, random)));
    }

    private Grudges() {
    }

    /** Every shape a config may name. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(SHAPES.keySet());
        names.add(PRIMARY);
        return List.copyOf(names);
    }

    /** The shapes drawn from the nodes alone: every one but {@code primary}, which asks the db. */
    public static List<String> drawn() {
        return List.copyOf(SHAPES.keySet());
    }

    public static Map<String, Set<String>> byName(String name, List<String> nodes, RandomGenerator random) {
        var shape = SHAPES.get(name);
        if (shape == null) throw new IllegalArgumentException("unknown grudge '" + name + "'; allowed: " + String.join(", ", drawn()));
        return shape.apply(nodes, random);
    }

    /**
     * The nodes a grudge leaves without a majority of the nodes in sight (itself included): the minority side of
     * {@code one}, {@code majority}, {@code halves} and {@code primary}; no one in {@code majorities-ring} or {@code bridge}.
     */
    public static Set<String> withoutMajority(Map<String, Set<String>> grudge, List<String> nodes) {
        Set<String> cut = new TreeSet<>();
        grudge.forEach((node, dropped) -> {
            if (2 * (nodes.size() - dropped.size()) <= nodes.size()) cut.add(node);
        });
        return cut;
    }

    /** The first ⌊n/2⌋ nodes against the rest: a minority and a majority. */
    public static Map<String, Set<String>> halves(List<String> nodes) {
        int cut = nodes.size() / 2;
        return complete(List.of(new HashSet<>(nodes.subList(0, cut)), new HashSet<>(nodes.subList(cut, nodes.size()))));
    }

    /** {@code cutOff} against everyone else. */
    public static Map<String, Set<String>> isolate(Set<String> cutOff, List<String> nodes) {
        Set<String> rest = new HashSet<>(nodes);
        rest.removeAll(cutOff);
        return complete(List.of(cutOff, rest));
    }

    /** Every node drops every node outside its own component. */
    public static Map<String, Set<String>> complete(List<Set<String>> components) {
        Map<String, Set<String>> grudge = new LinkedHashMap<>();
        for (Set<String> component : components) {
            for (String node : new TreeSet<>(component)) {
                Set<String> dropped = new TreeSet<>();
                for (Set<String> other : components) if (other != component) dropped.addAll(other);
                if (!dropped.isEmpty()) grudge.put(node, dropped);
            }
        }
        return grudge;
    }

    /**
     * Each node sees a majority — itself and its nearest neighbours on a ring — but no two nodes see the
     * same majority, so every node believes it is in the majority.
     */
    public static Map<String, Set<String>> majoritiesRing(List<String> ring) {
        int n = ring.size();
        int majority = n / 2 + 1;
        int before = (majority - 1) / 2;
        Map<String, Set<String>> grudge = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Set<String> visible = new HashSet<>();
            for (int d = -before; d < majority - before; d++) visible.add(ring.get(Math.floorMod(i + d, n)));
            Set<String> dropped = new TreeSet<>(ring);
            dropped.removeAll(visible);
            if (!dropped.isEmpty()) grudge.put(ring.get(i), dropped);
        }
        return grudge;
    }

    /** Two halves that cannot see each other, and one node in the middle that sees both. */
    public static Map<String, Set<String>> bridge(List<String> nodes) {
        String middle = nodes.get(0);
        List<String> rest = nodes.subList(1, nodes.size());
        Set<String> left = new HashSet<>(rest.subList(0, rest.size() / 2));
        Set<String> right = new HashSet<>(rest.subList(rest.size() / 2, rest.size()));
        Map<String, Set<String>> grudge = new LinkedHashMap<>();
        for (String node : new TreeSet<>(left)) if (!right.isEmpty()) grudge.put(node, new TreeSet<>(right));
        for (String node : new TreeSet<>(right)) if (!left.isEmpty()) grudge.put(node, new TreeSet<>(left));
        grudge.remove(middle);
        return grudge;
    }

    static List<String> shuffled(List<String> nodes, RandomGenerator random) {
        List<String> copy = new ArrayList<>(nodes);
        Collections.shuffle(copy, new java.util.Random(random.nextLong()));
        return copy;
    }
}
