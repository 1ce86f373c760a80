package io.faultline.fault;

import io.faultline.config.ConfigException;
import io.faultline.config.Node;
import io.faultline.config.TestConfig;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The system under test's process on the nodes of a target drawn among {@code targets} ({@link Targets}), as each
 * node's db carries it out: {@code kill [nodes]} / {@code start}, {@code pause [nodes]} / {@code resume}. Kill and
 * pause share the {@code targets} key.
 */
public record ProcessFamily(String name, String healF, Fault fault) implements FaultFamily<List<String>> {
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
        return List.of("targets");
    }

    /** The targets to draw from: {@code targets: [primary, one]}; {@code minority} without the key. */
    @Override
    public List<String> bind(Node nemesis, int nodeCount) throws ConfigException {
        Node targets = nemesis.get("targets");
        List<String> chosen = targets.choicesOr(Targets.DEFAULT, Targets.NAMES, "target");
        if (chosen.isEmpty()) throw targets.invalid("is empty; name at least one target, or leave targets out for minority");
        return chosen;
    }

    @Override
    public void honoured(Object targets, TestConfig config) throws ConfigException {
        if (((List<?>) targets).contains(Targets.PRIMARY)) Targets.refusePrimaryUnlessTheDbHasOne("nemesis.targets", config);
    }

    @Override
    public Set<String> kinds(List<String> targets) {
        return Set.of(fault.kind());
    }

    @Override
    public Action start(List<String> targets, List<String> nodes, SplittableRandom random) {
        // One target draws nothing, so a seed replays the same nodes as before targets could be chosen.
        String target = targets.size() == 1 ? targets.get(0) : targets.get(random.nextInt(targets.size()));
        if (target.equals(Targets.PRIMARY)) {
            return new Action(name, new AtPrimary(Targets.PRIMARY, primary -> on(primary == null ? List.of() : List.of(primary))));
        }
        return new Action(name, on(Targets.pick(target, nodes, random)));
    }

    private Start on(List<String> targets) {
        return new Start(targets, FaultFamily.onEach(targets, fault));
    }

    @Override
    public Action stop() {
        return new Action(healF, new Stop(Set.of(fault.kind())));
    }
}
