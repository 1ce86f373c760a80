package io.faultline.run;

import io.faultline.checker.Checker;
import io.faultline.checker.Checkers;
import io.faultline.checker.CompositeChecker;
import io.faultline.checker.StatsChecker;
import io.faultline.checker.txn.TxnChecker;
import io.faultline.config.Durations;
import io.faultline.config.TestConfig;
import io.faultline.generator.Rng;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadContext;
import io.faultline.workload.Workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checkers a run's config asks for: its workload's own, any extra ones named in the config's
 * {@code checker} section, and always {@code stats}, so that a run in which some kind of operation never
 * succeeded is unknown rather than valid. One place, so a stored run is re-checked exactly as it was checked.
 */
public final class RunCheckers {
    public static final String LINEARIZABLE = "linearizable";
    /** What the linearizable section of a config's checker section may set. */
    public static final List<String> LINEARIZABLE_OPTIONS = List.of("model", "time-limit", "failed-cas", "stop-on-invalid");
    /** Ends the main phase as soon as live checking proves the history so far not linearizable. */
    public static final String STOP_ON_INVALID = "stop-on-invalid";

    private RunCheckers() {
    }

    public static WorkloadContext workloadContext(TestConfig config, Rng rng) {
        return new WorkloadContext(config.workload(), rng, config.nodes(), config.concurrency(), config.checkers(),
                checkTimeLimit(config));
    }

    /** For a stored run ({@code check <run-dir>}) or one about to start. */
    public static Checker forConfig(TestConfig config) {
        return forConfig(config, List.of());
    }

    /**
     * @param extra checkers to run beside the config's (a seam for tests)
     * @throws ConfigProblem when the config sets linearizability options for a workload that has no model
     */
    public static Checker forConfig(TestConfig config, List<Checker> extra) {
        Workload workload = Workloads.byName(config.workload().name());
        WorkloadContext context = workloadContext(config, Rng.seeded(0));
        List<Checker> checkers = new ArrayList<>(workload.checkers(context));
        if (config.checkers().containsKey(LINEARIZABLE) && !checksLinearizability(checkers)) {
            List<String> withModel = Workloads.names().stream()
                    .filter(name -> checksLinearizability(Workloads.byName(name).checkers(context))).toList();
            throw new ConfigProblem("checker.linearizable: the " + workload.name() + " workload has no model to check"
                    + " linearizability against; remove checker.linearizable, or use a workload that has one: "
                    + String.join(", ", withModel));
        }
        for (String name : config.checkers().keySet()) {
            if (!name.equals(LINEARIZABLE) && checkers.stream().noneMatch(c -> c.name().equals(name))) {
                checkers.add(TxnChecker.isTxnChecker(name) ? txnChecker(config, name) : Checkers.byName(name));
            }
        }
        checkers.addAll(extra);
        if (checkers.stream().noneMatch(c -> c instanceof StatsChecker)) checkers.add(new StatsChecker());
        return new CompositeChecker(checkers);
    }

    /** A list-append or rw-register checker with the config's consistency models (default strict-serializable). */
    public static TxnChecker txnChecker(TestConfig config, String name) {
        return TxnChecker.configured(name, config.checkers().getOrDefault(name, Map.of()), checkTimeLimit(config));
    }

    private static boolean checksLinearizability(List<Checker> checkers) {
        return checkers.stream().anyMatch(c -> c.name().equals(LINEARIZABLE));
    }

    /** {@code checker.linearizable.stop-on-invalid}, which the binder has checked is a boolean. */
    public static boolean stopOnInvalid(TestConfig config) {
        return Boolean.TRUE.equals(config.checkers().getOrDefault(LINEARIZABLE, Map.of()).get(STOP_ON_INVALID));
    }

    /** The workload's linearizability checker with its own time limit, or null when the workload has none. */
    public static Checker linearizable(TestConfig config, Duration timeLimit) {
        WorkloadContext context = new WorkloadContext(config.workload(), Rng.seeded(0), config.nodes(), config.concurrency(),
                config.checkers(), timeLimit);
        return Workloads.byName(config.workload().name()).checkers(context).stream()
                .filter(c -> c.name().equals(LINEARIZABLE)).findFirst().orElse(null);
    }

    public static Duration checkTimeLimit(TestConfig config) {
        Object limit = config.checkers().getOrDefault(LINEARIZABLE, Map.of()).get("time-limit");
        return limit == null ? Duration.ofSeconds(60) : Durations.parse(limit.toString());
    }
}
