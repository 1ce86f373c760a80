package io.faultline.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the clients do.
 *
 * @param client  the client implementation, found by name at run time (built in or a plugin)
 * @param keys    how many independent keys the operations spread over; for the register and cas-register
 *                workloads, how many keys are in use at once
 * @param opsPerKey for the register and cas-register workloads, how many operations go to one key before
 *                its clients move on to a fresh one (Jepsen's independent keys, which keep each key's history
 *                short enough to check); null for the workloads that do not rotate keys
 * @param rate    operations per second over all clients; null for as fast as they go
 * @param timeout how long one operation may take before it ends as {@code info}
 * @param options every other key of the workload section, handed to the client as written
 */
public record WorkloadConfig(String name, String client, int keys, Integer opsPerKey, Double rate, Duration timeout,
                             Map<String, Object> options) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The workloads that rotate keys, and how many operations a key gets by default (as Jepsen's tests). */
    public static final List<String> ROTATING_KEYS = List.of("register", "cas-register");
    public static final int DEFAULT_OPS_PER_KEY = 200;

    public WorkloadConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
