package io.faultline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container beside the system under test that its nodes need (ZooKeeper, Kafka, …): started before the nodes,
 * reachable on the data network under its name, never faulted, and watched for health all run long.
 *
 * @param image       the image to run; built from {@code build} when it is missing
 * @param build       where to build the image from; null when the image must exist already
 * @param command     the container's command instead of the image's; empty for the image's own
 * @param health      how to tell it works; null means "running" is healthy
 * @param dependsOn   services that must be healthy before this one starts
 */
public record ServiceConfig(String name, String image, Build build, Map<String, String> environment, List<String> command,
                            Health health, List<String> dependsOn) {

    /** The image's tag when a service names only a build. */
    public static final String IMAGE_PREFIX = "faultline/";

    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        command = List.copyOf(command);
        dependsOn = List.copyOf(dependsOn);
    }

    /** @param context the build context, resolved against the config file's directory */
    public record Build(Path context, String dockerfile) {
        public static final String DEFAULT_DOCKERFILE = "Dockerfile";

        public Build {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(dockerfile, "dockerfile");
        }
    }

    /**
     * A command run inside the service's container, as Docker's HEALTHCHECK runs it: exit 0 is healthy. At start
     * it is tried every {@code interval} until it passes, at most {@code retries} times; during the run every
     * failed check counts, since a service that falters under the test may be what made the system misbehave.
     */
    public record Health(List<String> command, Duration interval, int retries, Duration timeout) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
        public static final int DEFAULT_RETRIES = 60;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Health {
            command = List.copyOf(command);
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
