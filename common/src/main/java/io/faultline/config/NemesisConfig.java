package io.faultline.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The faults to inject and how often.
 *
 * @param faults         fault kinds; empty for a run without a nemesis
 * @param interval       time between nemesis actions
 * @param grudges        the partition shapes the planner may choose from
 * @param clockMaxOffset the largest clock offset a clock fault applies, either way
 * @param packetLoss     the probability that a packet fault drops a packet
 */
public record NemesisConfig(List<String> faults, Duration interval, List<String> grudges, Duration clockMaxOffset,
                            PacketConfig packet) {

    public static final List<String> FAULTS = List.of("partition", "kill", "pause", "clock", "packet");
    public static final List<String> GRUDGES =
            List.of("halves", "random-halves", "one", "majority", "majorities-ring", "bridge");
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOCK_MAX_OFFSET = Duration.ofSeconds(10);

    public NemesisConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(clockMaxOffset, "clockMaxOffset");
        Objects.requireNonNull(packet, "packet");
        faults = List.copyOf(faults);
        grudges = List.copyOf(grudges);
    }

    /** No faults at all, what a config without a {@code nemesis} section means. */
    public static NemesisConfig none() {
        return new NemesisConfig(List.of(), DEFAULT_INTERVAL, GRUDGES, DEFAULT_CLOCK_MAX_OFFSET, PacketConfig.DEFAULT);
    }
}
