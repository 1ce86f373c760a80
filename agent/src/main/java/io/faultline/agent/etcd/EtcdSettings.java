package io.faultline.agent.etcd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an etcd client needs from the workload options and the node's environment.
 *
 * @param endpoint             base URL of the member's client port, without a trailing slash
 * @param serializableReads    whether reads may be answered by the member alone, without consensus
 * @param requestTimeoutMillis how long one request may take
 * @param lists                whether keys hold lists (data-type list, for list-append transactions) rather than registers
 */
record EtcdSettings(String endpoint, boolean serializableReads, long requestTimeoutMillis, boolean lists) {

    static final int CLIENT_PORT = 2379;
    static final long DEFAULT_TIMEOUT_MILLIS = 1000;

    /** @param dataAddress this node's data-network address; null where there is none */
    static EtcdSettings from(String dataAddress, Map<String, Object> options) {
        Map<String, Object> opts = options == null ? Map.of() : options;
        return new EtcdSettings(endpoint(opts.get("endpoint"), dataAddress),
                flag(opts.get("serializable-reads"), "serializable-reads"),
                requestTimeout(opts.get("timeout-ms")), lists(opts.get("data-type")));
    }

    private static boolean lists(Object dataType) {
        if (dataType == null || dataType.toString().equals("register")) return false;
        if (dataType.toString().equals("list")) return true;
        throw new IllegalArgumentException("the etcd client serves registers (f read, write, cas: workloads register, "
                + "cas-register, kv; f txn: rw-register) and lists (f txn: list-append); data-type '" + dataType + "' is not supported");
    }

    private static String endpoint(Object configured, String dataAddress) {
        if (configured != null) return stripTrailingSlash(configured.toString());
        String address = dataAddress == null ? "127.0.0.1" : dataAddress;
        return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + CLIENT_PORT;
    }

    /**
     * A little below the workload timeout, so that this client's own answer (a fail for a read) reaches the
     * history before the agent gives up on the operation with a bare info.
     */
    static long requestTimeout(Object timeoutMs) {
        long workload = timeoutMs == null ? DEFAULT_TIMEOUT_MILLIS : positive(timeoutMs);
        return Math.max(1, workload * 9 / 10);
    }

    private static long positive(Object value) {
        long millis;
        try {
            millis = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            millis = 0;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout-ms: expected a positive number of milliseconds, found '" + value + "'");
        }
        return millis;
    }

    private static boolean flag(Object value, String name) {
        if (value == null) return false;
        if (value instanceof Boolean b) return b;
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) return Boolean.parseBoolean(text);
        throw new IllegalArgumentException(name + ": expected true or false, found '" + value + "'");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
