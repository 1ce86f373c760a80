package io.faultline.join;

/**
 * What an agent sends to {@code POST /join}: its token, which node it is, where the other members reach it, its
 * data-network address, and a PKCS#10 request (PEM) for its event-bus certificate. Its private key never leaves it.
 *
 * @param advertise  {@code host:port} of its Hazelcast member; its event bus listens on the next port
 * @param persistent whether it stays up for later runs, and so wants a token for the next one
 */
public record JoinRequest(String token, String node, String advertise, String dataAddress, String csr, boolean persistent) {
    public static final String PATH = "/join";
}
