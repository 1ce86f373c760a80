package io.faultline.config;

import java.time.Duration;
import java.util.Objects;

/** A command run inside a service container until it succeeds, at most {@code retries} times. */
public record HealthcheckConfig(String cmd, Duration interval, int retries) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRIES = 30;

    public HealthcheckConfig {
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(interval, "interval");
    }
}
