package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds an image from a Dockerfile and its context, never pulling (no registry may be reachable): a failed build
 * says which step failed, with that step's last output lines.
 */
public final class ImageBuild {

    private ImageBuild() {
    }

    public static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** @throws IllegalStateException naming the failing step and its last lines */
    public static void build(DockerClient client, String tag, Path context, Path dockerfile, Map<String, String> buildArgs) {
        BuildLog log = new BuildLog();
        try {
            var build = client.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(dockerfile.toFile())
                    .withTags(java.util.Set.of(tag))
                    .withPull(false)
                    .withForcerm(true);
            buildArgs.forEach(build::withBuildArg);
            build.exec(log).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + tag, e);
        } catch (RuntimeException e) {
            // Reported just below, together with the step the build was in.
            log.note(e);
        }
        if (log.failed() || !exists(client, tag)) {
            throw new IllegalStateException("building " + tag + " from " + dockerfile + " failed at " + log.failingStep()
                    + ": " + log.error() + "\nlast output lines:\n" + log.lastLines());
        }
    }
}
