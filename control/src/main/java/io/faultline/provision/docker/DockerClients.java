package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.time.Duration;

/**
 * Connects to the Docker daemon and makes sure it answers before anything else is attempted, so a missing
 * daemon is one clear message instead of a stack trace from the middle of a run.
 */
public final class DockerClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private DockerClients() {
    }

    /** The daemon named by DOCKER_HOST (and the other DOCKER_* variables), else the default local socket. */
    public static DockerClient connect() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /** The daemon at {@code dockerHost}, e.g. {@code unix:///var/run/docker.sock}, whatever the environment says. */
    public static DockerClient connect(String dockerHost) {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    // The API version stays unset: docker-java does not negotiate, and unversioned requests get the daemon's own
    // version, which works with old daemons (20.10 speaks 1.41 at most) and new ones (29 refuses below 1.44) alike.
    private static DockerClient connect(DockerClientConfig config) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new DockerUnavailable("no Docker daemon answers at " + config.getDockerHost() + " (" + reason(e) + "). "
                    + "Start one with 'sudo docker/scripts/ensure-docker.sh', or set DOCKER_HOST to a daemon that runs.", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing only releases pooled connections; a failure leaves nothing behind worth reporting.
        }
    }
}
