package io.faultline.config;

import java.util.List;
import java.util.Objects;

/**
 * Where the nodes come from.
 *
 * @param provider     {@code local} (agents in the control's JVM), {@code docker} or {@code external}
 * @param image        the node image for {@code docker}
 * @param leaveRunning keep the nodes after the run, for a look inside
 */
public record ClusterConfig(String provider, String image, boolean leaveRunning) {

    public static final List<String> PROVIDERS = List.of("local", "docker", "external");
    public static final String DEFAULT_IMAGE = "faultline/node";

    public ClusterConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(image, "image");
    }
}
