package io.faultline.spi;

/** One operation a client is asked to perform: Jepsen's {@code f} and {@code value}, and a key for independent keys. */
public record Invocation(int process, String f, Object key, Object value) {
}
