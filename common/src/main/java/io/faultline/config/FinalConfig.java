package io.faultline.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The phase after the faults are healed (YAML key {@code final}).
 *
 * @param recovery how long to let the cluster recover before the final reads
 * @param reads    whether every client reads once more at the end, which set and queue checkers rely on
 */
public record FinalConfig(Duration recovery, boolean reads) {

    public static final Duration DEFAULT_RECOVERY = Duration.ofSeconds(2);

    public FinalConfig {
        Objects.requireNonNull(recovery, "recovery");
    }
}
