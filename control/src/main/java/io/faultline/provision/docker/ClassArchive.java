package io.faultline.provision.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The agents' class-data-sharing archive (AppCDS): the classes an agent loads, parsed and verified once and then
 * mapped by every agent JVM, which saves most of each agent's class loading while five of them start on a few
 * cores. The agent jar is mounted at run time rather than built into the node image, so the archive is kept
 * beside the jar on the host, named for the jar's size and modification time — what the JVM itself checks —
 * and a rebuilt jar gets a fresh one.
 *
 * <p>A run that finds no archive has its first node record one when its agent exits
 * ({@code -XX:ArchiveClassesAtExit}); the file keeps a temporary name until that container has exited, so no
 * agent maps a half-written archive. A JVM that finds the archive unusable says so and runs without it.
 */
final class ClassArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);
    static final String DIR = "/opt/faultline/cds";
    private static final String PARTIAL = ".part";
    /** The JVM option of the node that records the archive. */
    static final String RECORD = "-XX:ArchiveClassesAtExit=";

    private final Path hostDir;
    private final String name;

    private ClassArchive(Path hostDir, String name) {
        this.hostDir = hostDir;
        this.name = name;
    }

    /** The archive for this agent jar, in {@code cds/} beside it; null when that directory cannot be made. */
    static ClassArchive beside(Path agentJar) {
        try {
            Path dir = agentJar.toAbsolutePath().getParent().resolve("cds");
            Files.createDirectories(dir);
            String name = "agent-" + Files.size(agentJar) + "-" + Files.getLastModifiedTime(agentJar).toMillis() + ".jsa";
            return new ClassArchive(dir, name);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no class-data archive for the agents: {}", e.getMessage());
            return null;
        }
    }

    Path hostDir() {
        return hostDir;
    }

    boolean exists() {
        return Files.isRegularFile(hostDir.resolve(name));
    }

    /** The JVM options of a node: map the archive, or (the recorder, when there is none yet) record it at exit. */
    List<String> javaOptions(boolean recorder) {
        if (exists()) return List.of("-XX:SharedArchiveFile=" + DIR + "/" + name);
        if (recorder) return List.of(RECORD + DIR + "/" + name + PARTIAL);
        return List.of();
    }

    /**
     * Call once the recording container is done: an agent that exited cleanly wrote a whole archive, which gets its
     * real name; anything else may have left half of one, which is removed.
     */
    void recorded(boolean exitedCleanly) {
        Path partial = hostDir.resolve(name + PARTIAL);
        if (!Files.isRegularFile(partial)) return;
        try {
            if (!exitedCleanly) {
                Files.delete(partial);
                return;
            }
            Files.move(partial, hostDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // Archives of earlier jars are tens of megabytes each, and no JVM will map them again.
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(hostDir, "agent-*.jsa")) {
                for (Path old : stale) if (!old.getFileName().toString().equals(name)) Files.deleteIfExists(old);
            }
            LOG.info("agents' class-data archive recorded: {}; the next runs' agents start from it", hostDir.resolve(name));
        } catch (IOException e) {
            LOG.warn("cannot keep the agents' class-data archive {}: {}", partial, e.getMessage());
        }
    }
}
