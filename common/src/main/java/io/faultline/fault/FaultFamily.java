package io.faultline.fault;

import com.fasterxml.jackson.annotation.JsonValue;
import io.faultline.config.NemesisConfig;
import io.faultline.config.Vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One kind of trouble the nemesis can cause, as a Jepsen nemesis package is: its config keys and settings, how
 * it picks targets and starts (typed start and stop ops for the history), and the fault kinds agents apply and
 * heal. The agent side lives with each deployment's appliers; every family is registered in {@link FaultFamilies}.
 *
 * @param <S> the settings this family reads from the nemesis section
 */
public interface FaultFamily<S> extends Vocabulary.FaultKeys {

    /** The fault kinds a node must offer to inject this family with these settings. */
    Set<String> kinds(S settings);

    /** One start: the faults of each target node, with the op that shows it in the history. */
    Action start(S settings, List<String> nodes, SplittableRandom random);

    /** The op that heals this family on every node. */
    Action stop();

    /** Why a node that lacks {@code kind} cannot take this family, beyond "it does not offer it"; "" for nothing more. */
    default String lacking(String kind) {
        return "";
    }

    @SuppressWarnings("unchecked")
    default S settings(NemesisConfig nemesis) {
        return (S) nemesis.settings().get(name());
    }

    /** A nemesis op of this family: {@code f} names it in the history, {@code value} is a {@link Start} or a {@link Stop}. */
    record Action(String f, Object value) {
    }

    /** A start's value: each node's faults; the history shows {@code shown}, as Jepsen's nemesis ops do. */
    record Start(@JsonValue Object shown, Map<String, List<Fault>> faults) {
    }

    /**
     * A start aimed at the node that leads when it happens (Jepsen's primaries): the nemesis asks the db which node
     * that is, then {@code aim} plans the start on it (given null when no node leads, it plans a start of nothing). The
     * invocation shows {@code shown}; the completion shows the start that was carried out, so the history names the
     * node that was hit.
     */
    record AtPrimary(@JsonValue Object shown, Function<String, Start> aim) {
    }

    /** A stop's value: the kinds to heal on every node; the history shows nothing. */
    record Stop(Set<String> kinds) {
        @JsonValue
        Object shown() {
            return null;
        }
    }

    /** One node, or a minority: Jepsen's usual targets, never so many that no majority is left. */
    static List<String> someNodes(SplittableRandom random, List<String> nodes) {
        List<String> shuffled = Grudges.shuffled(nodes, random);
        int count = 1 + random.nextInt(Math.max(1, (nodes.size() - 1) / 2));
        return List.copyOf(shuffled.subList(0, Math.min(count, nodes.size())));
    }

    /** The same fault on each of {@code nodes}. */
    static Map<String, List<Fault>> onEach(List<String> nodes, Fault fault) {
        Map<String, List<Fault>> faults = new LinkedHashMap<>();
        for (String node : nodes) faults.put(node, List.of(fault));
        return faults;
    }
}
