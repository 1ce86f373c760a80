package io.faultline.provision.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerClientsTest {

    @TempDir
    Path dir;

    @Test
    void noDaemonGivesAnActionableError() throws Exception {
        // A socket file nobody listens on any more: what a stopped daemon leaves behind.
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(socket));
        }

        assertThatThrownBy(() -> DockerClients.connect("unix://" + socket))
                .isInstanceOf(DockerUnavailable.class)
                .hasMessageContaining("no Docker daemon answers at unix://" + socket)
                .hasMessageContaining("sudo docker/scripts/ensure-docker.sh")
                .hasMessageContaining("DOCKER_HOST");
    }
}
