package io.faultline.config;

import java.util.Objects;

/**
 * Where the nodes come from.
 *
 * @param provider     {@code local} (agents in the control's JVM) or {@code docker}
 * @param image        the node image for {@code docker}
 * @param leaveRunning keep the nodes after the run, for a look inside
 */
public record ClusterConfig(String provider, String image, boolean leaveRunning) {

    public static final String DEFAULT_IMAGE = "faultline/node";

    public ClusterConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(image, "image");
    }
}
