package io.faultline.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A database archive to download and install; credentials and checksum may be null.
 *
 * @param force               download again even when the node's cache has it
 * @param credentialVariables the environment variables the username and password were read from, for errors that
 *                            must say which ones to fix without showing their values
 */
public record ArchiveConfig(String url, String username, String password, String sha256, boolean force,
                            List<String> credentialVariables) {
    /** The archive formats the agent extracts, by how the URL's path ends. */
    public static final List<String> FORMATS = List.of(".tar.gz", ".tgz", ".tar", ".zip");

    /** Basic-auth credentials; they travel only in the db setup command, never in a node's environment. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=<redacted>, password=<redacted>]";
        }
    }

    public ArchiveConfig {
        Objects.requireNonNull(url, "url");
        credentialVariables = credentialVariables == null ? List.of() : List.copyOf(credentialVariables);
    }

    public ArchiveConfig(String url, String username, String password, String sha256) {
        this(url, username, password, sha256, false, List.of());
    }

    /** The same archive without its credentials: what a node's environment may hold. */
    public ArchiveConfig withoutCredentials() {
        return new ArchiveConfig(url, null, null, sha256, force, credentialVariables);
    }

    /** Null when neither a username nor a password is set. */
    @JsonIgnore
    public Credentials credentials() {
        return username == null && password == null ? null : new Credentials(username, password);
    }

    /** The format the URL's path names ({@link #FORMATS}), or null when it names none. */
    @JsonIgnore
    public String format() {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        return FORMATS.stream().filter(lower::endsWith).findFirst().orElse(null);
    }

    /** Configs and their parts end up in logs; the credentials must not. */
    @Override
    public String toString() {
        return "ArchiveConfig[url=" + url + ", username=" + (username == null ? null : "<redacted>")
                + ", password=" + (password == null ? null : "<redacted>") + ", sha256=" + sha256 + ", force=" + force + "]";
    }
}
