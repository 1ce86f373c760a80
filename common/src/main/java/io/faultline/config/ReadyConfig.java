package io.faultline.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The database is ready when its TCP port accepts connections and/or an HTTP GET answers 2xx.
 *
 * @param tcp     a port on the node; may be null
 * @param http    a URL, or a path on the node; may be null
 * @param timeout how long to wait before setup fails
 */
public record ReadyConfig(Integer tcp, String http, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ReadyConfig {
        Objects.requireNonNull(timeout, "timeout");
    }
}
