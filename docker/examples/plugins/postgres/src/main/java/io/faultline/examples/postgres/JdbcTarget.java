package io.faultline.examples.postgres;

import io.faultline.spi.ClientContext;

import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Where and how a client connects: every node in the URL with {@code targetServerType=primary}, so the driver
 * finds the node Patroni made primary, and timeouts from the workload's, so a hung connection ends before the
 * agent's next operation on this client is due.
 */
record JdbcTarget(String url, Properties properties) {
    static final String DEFAULT_USER = "postgres";
    static final String DEFAULT_PASSWORD = "faultline";
    static final String DEFAULT_DATABASE = "postgres";
    static final int DEFAULT_PORT = 5432;

    static JdbcTarget of(ClientContext context) {
        Map<String, Object> options = context.options();
        int port = options.get("port") instanceof Number n ? n.intValue() : DEFAULT_PORT;
        StringJoiner hosts = new StringJoiner(",");
        // Data addresses, where partitions act: a node's name may resolve to its address on another network.
        context.nodes().forEach(node -> hosts.add(context.dataAddresses().getOrDefault(node, node) + ":" + port));
        long timeoutMs = options.get("timeout-ms") instanceof Number n ? n.longValue() : 1_000;
        String seconds = Long.toString(Math.max(1, (timeoutMs + 999) / 1000));
        Properties properties = new Properties();
        properties.setProperty("user", String.valueOf(options.getOrDefault("user", DEFAULT_USER)));
        properties.setProperty("password", String.valueOf(options.getOrDefault("password", DEFAULT_PASSWORD)));
        properties.setProperty("targetServerType", "primary");
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        // A node just demoted must not be taken for primary from a cached answer.
        properties.setProperty("hostRecheckSeconds", "0");
        properties.setProperty("ApplicationName", "faultline-" + context.node());
        return new JdbcTarget("jdbc:postgresql://" + hosts + "/" + options.getOrDefault("database", DEFAULT_DATABASE), properties);
    }
}
