package io.faultline.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the nodes come from.
 *
 * @param provider     {@code local} (agents in the control's JVM), {@code docker} or {@code external} (agents started
 *                     elsewhere, which join the run)
 * @param image        the node image for {@code docker}
 * @param leaveRunning keep the nodes after the run, for a look inside
 * @param join         where agents join a run ({@code cluster.join}); null when the config has none
 */
public record ClusterConfig(String provider, String image, boolean leaveRunning, Join join) {

    public static final String DEFAULT_IMAGE = "faultline/node";
    public static final String EXTERNAL = "external";

    public ClusterConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(image, "image");
    }

    public ClusterConfig(String provider, String image, boolean leaveRunning) {
        this(provider, image, leaveRunning, null);
    }

    /** A host (name or literal address) and a port. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        public Address plus(int ports) {
            return new Address(host, port + ports);
        }

        /**
         * Reads {@code host:port} ({@code [v6]:port} too) with a port from 1 to {@code maxPort}.
         *
         * @throws IllegalArgumentException saying what is wrong, to follow the quoted text
         */
        public static Address parse(String text, int maxPort) {
            String written = text == null ? "" : text.strip();
            int colon = written.lastIndexOf(':');
            String host = colon < 0 ? "" : written.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.isEmpty() || host.contains("/") || host.contains(" ")) {
                throw new IllegalArgumentException("is not host:port; write e.g. 10.0.0.1:5701");
            }
            int port;
            try {
                port = Integer.parseInt(written.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has no port number; write e.g. " + host + ":5701");
            }
            if (port < 1 || port > maxPort) throw new IllegalArgumentException("has a port out of range; use 1.." + maxPort);
            return new Address(host, port);
        }
    }

    /**
     * Where the control meets agents that join it. Three consecutive ports from {@code bind}'s: the join endpoint
     * (HTTPS, where an agent trades its token for a certificate), then the control's Hazelcast member, then its
     * event bus; {@code advertise} is how agents reach them (the same three ports from its own).
     *
     * @param timeout how long the control waits for every node's agent to join
     */
    public record Join(Address bind, Address advertise, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
        public static final int HAZELCAST_OFFSET = 1;
        public static final int EVENT_BUS_OFFSET = 2;
    }
}
