package io.faultline.spi;

/**
 * Makes clients of one kind, found by {@link #name()} through {@link java.util.ServiceLoader}: user code
 * adds its own by listing its factory in {@code META-INF/services/io.faultline.spi.ClientFactory} on the
 * agent's class path.
 */
public interface ClientFactory {

    /** The name a config uses in {@code workload.client}. */
    String name();

    Client open(ClientContext context);
}
