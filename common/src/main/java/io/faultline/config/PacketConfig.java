package io.faultline.config;

import java.time.Duration;

/**
 * What the packet fault does on the data network: drop a share of packets (iptables, works everywhere),
 * and optionally delay, duplicate or reorder them, which needs the kernel's netem.
 *
 * @param delay null for no delay
 * @param duplicate share of packets sent twice, 0 for none
 * @param reorder share of packets sent out of order (with a delay), 0 for none
 */
public record PacketConfig(double loss, Duration delay, double duplicate, double reorder) {
    public static final double DEFAULT_LOSS = 0.2;
    public static final PacketConfig DEFAULT = new PacketConfig(DEFAULT_LOSS, null, 0, 0);

    /** Whether this needs {@code tc netem}, which some kernels (this workplace's) lack. */
    public boolean needsNetem() {
        return delay != null || duplicate > 0 || reorder > 0;
    }
}
