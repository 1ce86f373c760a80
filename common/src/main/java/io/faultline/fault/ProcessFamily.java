package io.faultline.fault;

import io.faultline.config.Node;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The system under test's process on one node or a minority, as each node's db carries it out: {@code kill [nodes]}
 * / {@code start}, {@code pause [nodes]} / {@code resume}.
 */
public record ProcessFamily(String name, String healF, Fault fault) implements FaultFamily<Void> {
    public static final ProcessFamily KILL = new ProcessFamily("kill", "start", new Kill());
    public static final ProcessFamily PAUSE = new ProcessFamily("pause", "resume", new Pause());

    /** SIGKILL the system under test; healing restarts it. */
    public record Kill() implements Fault {
        public String kind() {
            return "kill";
        }
    }

    /** SIGSTOP the system under test; healing sends SIGCONT. */
    public record Pause() implements Fault {
        public String kind() {
            return "pause";
        }
    }

    @Override
    public List<String> keys() {
        return List.of();
    }

    @Override
    public Void bind(Node nemesis, int nodeCount) {
        return null;
    }

    @Override
    public Set<String> kinds(Void settings) {
        return Set.of(fault.kind());
    }

    @Override
    public Action start(Void settings, List<String> nodes, SplittableRandom random) {
        List<String> targets = FaultFamily.someNodes(random, nodes);
        return new Action(name, new Start(targets, FaultFamily.onEach(targets, fault)));
    }

    @Override
    public Action stop() {
        return new Action(healF, new Stop(Set.of(fault.kind())));
    }
}
