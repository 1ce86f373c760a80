package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ServiceConfig;
import io.faultline.provision.docker.service.ImageBuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image node containers run: used when present, otherwise built from {@code docker/node/Dockerfile}, or for
 * {@code faultline/node-<system>} from {@code docker/node-<system>/Dockerfile} when there is one. The base
 * image is never pulled here (no registry may be reachable), so when it is missing the build stops before it
 * starts and says which script provides it.
 */
public final class NodeImage {
    private static final Logger LOG = LoggerFactory.getLogger(NodeImage.class);
    /** Points at the project's {@code docker} directory when the working directory is not inside the project. */
    public static final String DOCKER_DIR_PROPERTY = "faultline.docker.dir";
    private static final Pattern BASE_ARG = Pattern.compile("(?m)^\\s*ARG\\s+BASE=(\\S+)\\s*$");
    private static final String DEFAULT_BASE = "debian:bookworm-slim";

    private final DockerClient client;
    private final String name;
    private Path dockerDir;
    private String base;

    private NodeImage(DockerClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public static NodeImage named(DockerClient client, String name) {
        return new NodeImage(client, name);
    }

    /** The {@code docker} directory holding {@code node/Dockerfile}; by default searched for, see {@link #dockerDir()}. */
    public NodeImage withDockerDir(Path dockerDir) {
        this.dockerDir = dockerDir;
        return this;
    }

    /** The BASE build argument; by default the Dockerfile's own default. */
    public NodeImage withBase(String base) {
        this.base = base;
        return this;
    }

    /** Builds the image unless it exists; returns the image name. */
    public String ensure() {
        if (exists(name)) {
            LOG.debug("image {} is present", name);
            return name;
        }
        Path context = dockerDir().resolve(contextDir());
        Path dockerfile = context.resolve("Dockerfile");
        String baseImage = base != null ? base : defaultBase(dockerfile);
        if (!exists(baseImage)) {
            throw new IllegalStateException("image " + name + " is missing and so is its base image " + baseImage
                    + ", which cannot be pulled here; provide it with: " + (baseImage.startsWith(ServiceConfig.IMAGE_PREFIX)
                    ? "docker/scripts/prepare-machine.sh" : "docker/scripts/build-base-image.sh " + baseImage));
        }
        LOG.info("image {} is missing; building it from {} on {} (a few minutes the first time)", name, dockerfile, baseImage);
        long started = System.nanoTime();
        ImageBuild.build(client, name, context, dockerfile, Map.of("BASE", baseImage));
        LOG.info("image {} built in {} s", name, (System.nanoTime() - started) / 1_000_000_000);
        return name;
    }

    /**
     * The {@code docker} directory: the system property {@value #DOCKER_DIR_PROPERTY}, else the first
     * {@code docker/node/Dockerfile} found from the working directory upwards (Maven runs tests in a module).
     */
    Path dockerDir() {
        if (dockerDir != null) return dockerDir;
        String property = System.getProperty(DOCKER_DIR_PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/node/Dockerfile"))) return dir.resolve("docker");
        }
        throw new IllegalStateException("image " + name + " is missing and docker/node/Dockerfile, which builds it, was not found"
                + " from " + Path.of("").toAbsolutePath() + " upwards; run from the project directory or set -D"
                + DOCKER_DIR_PROPERTY + "=<project>/docker");
    }

    /** {@code node-patroni} for {@code faultline/node-patroni[:tag]} when the project has that folder, else {@code node}. */
    String contextDir() {
        String repository = name.contains(":") ? name.substring(0, name.lastIndexOf(':')) : name;
        if (repository.startsWith(ServiceConfig.IMAGE_PREFIX + "node-")) {
            String dir = repository.substring(ServiceConfig.IMAGE_PREFIX.length());
            if (Files.isRegularFile(dockerDir().resolve(dir).resolve("Dockerfile"))) return dir;
        }
        return "node";
    }

    private boolean exists(String image) {
        return ImageBuild.exists(client, image);
    }

    private static String defaultBase(Path dockerfile) {
        try {
            Matcher m = BASE_ARG.matcher(Files.readString(dockerfile, StandardCharsets.UTF_8));
            return Optional.of(m).filter(Matcher::find).map(x -> x.group(1)).orElse(DEFAULT_BASE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dockerfile + ": " + e.getMessage(), e);
        }
    }
}
