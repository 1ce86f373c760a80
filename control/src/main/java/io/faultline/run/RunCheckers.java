package io.faultline.run;

import io.faultline.checker.Checker;
import io.faultline.checker.Checkers;
import io.faultline.checker.CompositeChecker;
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
 * The checkers a run's config asks for: its workload's own, plus any extra ones named in the config's
 * {@code checker} section. One place, so a stored run is re-checked exactly as it was checked.
 */
public final class RunCheckers {
    public static final String LINEARIZABLE = "linearizable";
    /** What the linearizable section of a config's checker section may set. */
    public static final List<String> LINEARIZABLE_OPTIONS = List.of("model", "time-limit");

    private RunCheckers() {
    }

    public static WorkloadContext workloadContext(TestConfig config, Rng rng) {
        return new WorkloadContext(config.workload(), rng, config.nodes(), config.concurrency(), config.checkers(),
                checkTimeLimit(config));
    }

    public static Checker forConfig(TestConfig config, Workload workload, WorkloadContext context) {
        List<Checker> checkers = new ArrayList<>(workload.checkers(context));
        for (String name : config.checkers().keySet()) {
            if (!name.equals("linearizable") && checkers.stream().noneMatch(c -> c.name().equals(name))) {
                checkers.add(Checkers.byName(name));
            }
        }
        return new CompositeChecker(checkers);
    }

    /** For {@code check <run-dir>}: the checkers of a stored run's effective config. */
    public static Checker forConfig(TestConfig config) {
        Workload workload = Workloads.byName(config.workload().name());
        return forConfig(config, workload, workloadContext(config, Rng.seeded(0)));
    }

    private static Duration checkTimeLimit(TestConfig config) {
        Object limit = config.checkers().getOrDefault("linearizable", Map.of()).get("time-limit");
        return limit == null ? Duration.ofSeconds(60) : Durations.parse(limit.toString());
    }
}
