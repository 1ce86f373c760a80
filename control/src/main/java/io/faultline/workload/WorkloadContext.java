package io.faultline.workload;

import io.faultline.config.WorkloadConfig;
import io.faultline.generator.Rng;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a workload builds from: its config section, the run's random stream (so a seed replays the same
 * operations), the cluster's shape, and the config's checker section (e.g. the linearizability model).
 */
public record WorkloadContext(WorkloadConfig config, Rng rng, List<String> nodes, int concurrency,
                              Map<String, Map<String, Object>> checkerConfig, Duration checkTimeLimit) {

    /** The key an operation acts on: null for a single-key workload, else one of k0..k(keys-1). */
    public Object key(Rng draw) {
        return config.keys() <= 1 ? null : "k" + draw.below(config.keys());
    }
}
