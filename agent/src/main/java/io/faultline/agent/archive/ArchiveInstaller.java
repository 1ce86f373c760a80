package io.faultline.agent.archive;

import io.faultline.config.ArchiveConfig;
import io.faultline.protocol.AgentContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * {@code db.archive} on a node: the download (from the cache unless {@code force}), its checksum, and its contents in
 * the db directory. Blocking; the caller runs it off the event loop. Credentials are used for the download and go
 * nowhere else: not into logs, files or messages.
 */
public final class ArchiveInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveInstaller.class);
    public static final Path DEFAULT_CACHE_DIR = Path.of(AgentContract.ARCHIVE_CACHE_DIR);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final ArchiveCache cache;
    private final ArchiveDownload download;

    public ArchiveInstaller(Path cacheDir) {
        this(cacheDir, new ArchiveDownload(CONNECT_TIMEOUT, STALL_TIMEOUT));
    }

    public ArchiveInstaller(Path cacheDir, ArchiveDownload download) {
        this.cache = new ArchiveCache(cacheDir);
        this.download = download;
    }

    /** Replaces {@code target} with the archive's contents. */
    public void install(ArchiveConfig archive, ArchiveConfig.Credentials credentials, Path target) {
        String shown = ArchiveDownload.shown(archive.url());
        String format = archive.format();
        if (format == null) {
            throw new ArchiveException("db.archive.url: " + shown + " does not end in " + String.join(", ", ArchiveConfig.FORMATS));
        }
        Path cached = cache.file(archive);
        try {
            if (!archive.force() && Files.isRegularFile(cached) && matches(archive, ArchiveCache.sha256(cached))) {
                LOG.info("db.archive: {} from the node's cache ({} bytes)", shown, Files.size(cached));
            } else {
                long t0 = System.nanoTime();
                Path partial = cache.partial();
                try {
                    String sha256 = download.fetch(archive, credentials, partial);
                    if (!matches(archive, sha256)) {
                        throw new ArchiveException("db.archive: checksum mismatch for " + shown + ": db.archive.sha256 is "
                                + archive.sha256() + " but the download's SHA-256 is " + sha256
                                + "; the archive changed on the server, or sha256 is wrong");
                    }
                    Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
                LOG.info("db.archive: downloaded {} ({} bytes) in {} ms{}", shown, Files.size(cached),
                        (System.nanoTime() - t0) / 1_000_000, archive.force() ? " (force: cache ignored)" : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("db.archive: the node's cache " + cached.getParent() + " is not writable", e);
        }
        ArchiveExtraction.extract(cached, format, target, shown);
        LOG.info("db.archive: {} extracted into {}", shown, target);
    }

    private static boolean matches(ArchiveConfig archive, String sha256) {
        return archive.sha256() == null || archive.sha256().equalsIgnoreCase(sha256);
    }
}
