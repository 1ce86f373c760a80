package io.faultline.config;

import java.util.Objects;

/** A database archive to download and install; credentials and checksum may be null. */
public record ArchiveConfig(String url, String username, String password, String sha256) {

    public ArchiveConfig {
        Objects.requireNonNull(url, "url");
    }

    /** Configs and their parts end up in logs; the password must not. */
    @Override
    public String toString() {
        return "ArchiveConfig[url=" + url + ", username=" + username
                + ", password=" + (password == null ? null : "<redacted>") + ", sha256=" + sha256 + "]";
    }
}
