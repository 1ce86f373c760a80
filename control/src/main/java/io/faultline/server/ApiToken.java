package io.faultline.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The bearer token that mutating calls ({@code POST}, {@code DELETE}) must carry: {@code FAULTLINE_TOKEN}
 * when set, else the config's {@code server.token}, else a fresh random one that the command prints once.
 */
public final class ApiToken {
    public static final String ENV = "FAULTLINE_TOKEN";

    private final String token;
    private final boolean generated;

    private ApiToken(String token, boolean generated) {
        this.token = token;
        this.generated = generated;
    }

    public static ApiToken from(Map<String, String> env) {
        return from(env, null);
    }

    /** {@code FAULTLINE_TOKEN}, else {@code configured} (the config's {@code server.token}), else a fresh one. */
    public static ApiToken from(Map<String, String> env, String configured) {
        String given = env.get(ENV);
        if (given != null && !given.isBlank()) return new ApiToken(given.strip(), false);
        if (configured != null && !configured.isBlank()) return new ApiToken(configured.strip(), false);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
    }

    public static ApiToken of(String token) {
        return new ApiToken(token, false);
    }

    public String value() {
        return token;
    }

    /** Whether the token was made up here, so the user has to be told it. */
    public boolean generated() {
        return generated;
    }

    /** Compares in constant time, so response times do not reveal how much of a guess was right. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }
}
