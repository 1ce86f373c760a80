package io.faultline.agent.archive;

import io.faultline.config.ArchiveConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloaded archives on the node, keyed by URL and expected checksum, so a rerun installs without downloading: a
 * different URL (another {@code ${version}}) or a different {@code sha256} is another entry. Entries appear whole or
 * not at all (written beside, then moved).
 */
public final class ArchiveCache {
    private final Path dir;

    public ArchiveCache(Path dir) {
        this.dir = dir;
    }

    /** Where the archive is (or will be) kept. */
    public Path file(ArchiveConfig archive) {
        String key = archive.url() + "\n" + (archive.sha256() == null ? "" : archive.sha256().toLowerCase(Locale.ROOT));
        String digest = HexFormat.of().formatHex(ArchiveDownload.sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
        return dir.resolve(digest + archive.format());
    }

    /** A temporary file in the cache's directory, to move into place once complete. */
    public Path partial() throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "download-", ".partial");
    }

    /** The SHA-256 of a cached file, in hex. */
    public static String sha256(Path file) {
        MessageDigest digest = ArchiveDownload.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
