package io.faultline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The names a config may use, as the registries that implement them know them: config validation asks here
 * instead of keeping lists of its own. The registries live where their families do (workloads, checkers,
 * models and providers in the control, fault families in common), and {@code common} must not depend on the
 * control, so the control installs its vocabulary as a {@link ServiceLoader} service.
 */
public interface Vocabulary {

    List<String> workloads();

    /** Checker names a config's {@code checker} section may use, each with the option keys it reads. */
    Map<String, List<String>> checkers();

    List<String> models();

    /** Consistency models (Elle's names) the transactional checkers can be asked to check. */
    List<String> consistencyModels();

    /** Providers this build can start, each with the db names it runs. */
    Map<String, List<String>> providers();

    /** Bugs the simulated store can build in. */
    List<String> bugs();

    /** The bugs only some workloads exercise, each with those workloads (the isolation bugs change only transactions). */
    Map<String, List<String>> workloadBugs();

    List<? extends FaultKeys> faults();

    /** The nemesis keys of one fault family ({@code grudges} for partitions, say), read by the family itself. */
    interface FaultKeys {
        String name();

        List<String> keys();

        /** Its settings from the nemesis section; validated even when the family is not chosen, so a typo shows. */
        Object bind(Node nemesis, int nodeCount) throws ConfigException;

        /** Refuses, before a run, settings of this family that the rest of {@code config} cannot honour. */
        default void honoured(Object settings, TestConfig config) throws ConfigException {
        }
    }

    /** Every installed vocabulary, merged; there is one in a normal build (the control's). */
    static Vocabulary installed() {
        List<Vocabulary> found = new ArrayList<>();
        ServiceLoader.load(Vocabulary.class).forEach(found::add);
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " config vocabularies on the class path (" + found
                    + "); the control jar installs exactly one");
        }
        return found.get(0);
    }

    /** Names of the entries, in order: for messages. */
    static List<String> names(Map<String, ?> entries) {
        return List.copyOf(new LinkedHashMap<>(entries).keySet());
    }
}
