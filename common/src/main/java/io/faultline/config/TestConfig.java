package io.faultline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One test, as {@link ConfigLoader} reads it from YAML, with every default filled in.
 *
 * @param nodes       the node names; a count {@code n} in YAML becomes {@code n1..nN}
 * @param concurrency client processes in total ({@code 2n} in YAML is already multiplied out)
 * @param seed        null when the config leaves the choice to the run
 * @param services    containers beside the nodes, in start order (each after those it depends on)
 * @param plugins     jars or folders of jars with clients of the test's own, resolved against the config file's directory
 * @param finalPhase  YAML key {@code final}
 * @param checkers    YAML key {@code checker}: checker name to its options, in the order written; empty when the
 *                    config names none, so the workload chooses
 * @param server      YAML key {@code server}: how {@code run} serves its live page; {@link ServerConfig#NONE} when absent
 */
public record TestConfig(String name, List<String> nodes, int concurrency, Duration timeLimit, Long seed,
                         ClusterConfig cluster, List<ServiceConfig> services, List<Path> plugins, DbConfig db,
                         WorkloadConfig workload, NemesisConfig nemesis, FinalConfig finalPhase,
                         Map<String, Map<String, Object>> checkers, ServerConfig server) {

    public TestConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(nemesis, "nemesis");
        Objects.requireNonNull(finalPhase, "finalPhase");
        Objects.requireNonNull(server, "server");
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        plugins = List.copyOf(plugins);
        LinkedHashMap<String, Map<String, Object>> copy = new LinkedHashMap<>();
        checkers.forEach((checker, options) -> copy.put(checker, Collections.unmodifiableMap(new LinkedHashMap<>(options))));
        checkers = Collections.unmodifiableMap(copy);
    }
}
