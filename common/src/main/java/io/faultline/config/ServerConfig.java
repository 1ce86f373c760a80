package io.faultline.config;

import java.util.List;

/**
 * How {@code run} serves its live page and API (YAML key {@code server}).
 *
 * @param token         the bearer token mutating calls need; null for {@code FAULTLINE_TOKEN} or a generated one
 * @param allowOrigins  page origins besides the server's own whose WebSockets may watch, e.g. {@code https://ci.example.com}
 */
public record ServerConfig(String token, List<String> allowOrigins) {
    public static final ServerConfig NONE = new ServerConfig(null, List.of());

    public ServerConfig {
        allowOrigins = List.copyOf(allowOrigins);
    }

    public boolean isNone() {
        return token == null && allowOrigins.isEmpty();
    }
}
