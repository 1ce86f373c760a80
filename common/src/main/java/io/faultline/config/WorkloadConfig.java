package io.faultline.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the clients do.
 *
 * @param client  the client implementation, found by name at run time (built in or a plugin)
 * @param keys    how many independent keys the operations spread over
 * @param rate    operations per second over all clients; null for as fast as they go
 * @param timeout how long one operation may take before it ends as {@code info}
 * @param options every other key of the workload section, handed to the client as written
 */
public record WorkloadConfig(String name, String client, int keys, Double rate, Duration timeout,
                             Map<String, Object> options) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public WorkloadConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
