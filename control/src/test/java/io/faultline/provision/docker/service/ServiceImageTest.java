package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ServiceConfig;
import io.faultline.provision.docker.DockerClients;
import io.faultline.provision.docker.DockerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceImageTest {
    @TempDir
    Path tmp;

    private DockerClient client;
    private final String tag = "faultline-test/service-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

    @BeforeEach
    void connect() {
        try {
            client = DockerClients.connect();
        } catch (DockerUnavailable e) {
            Assumptions.abort("skipped: needs a Docker daemon. " + e.getMessage());
        }
        Assumptions.assumeTrue(ImageBuild.exists(client, "faultline/node"), "skipped: needs the node image (prepare-machine.sh)");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        if (ImageBuild.exists(client, tag)) client.removeImageCmd(tag).withForce(true).exec();
        client.close();
    }

    @Test
    void aMissingImageIsBuiltFromTheServicesDockerfileOnce() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("svc"));
        Files.writeString(context.resolve("Service.dockerfile"), "FROM faultline/node\nRUN echo built > /built\n");
        ServiceConfig service = service(new ServiceConfig.Build(context, "Service.dockerfile"));

        assertThat(ServiceImage.ensure(client, service)).isEqualTo(tag);
        assertThat(ImageBuild.exists(client, tag)).isTrue();
        Files.writeString(context.resolve("Service.dockerfile"), "FROM nothing-that-exists\n");
        assertThat(ServiceImage.ensure(client, service)).as("an image that exists is used, not rebuilt").isEqualTo(tag);
    }

    @Test
    void aMissingImageWithoutABuildSaysSoAndAFailedBuildShowsItsStep() throws Exception {
        assertThatThrownBy(() -> ServiceImage.ensure(client, service(null)))
                .hasMessageContaining("service svc: image " + tag + " is missing and cannot be pulled here")
                .hasMessageContaining("give the service a build:");
        Path context = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(context.resolve("Dockerfile"), "FROM faultline/node\nRUN echo no disk >&2; exit 7\n");
        assertThatThrownBy(() -> ServiceImage.ensure(client, service(new ServiceConfig.Build(context, "Dockerfile"))))
                .hasMessageContaining("building " + tag)
                .hasMessageContaining("Step 2/2 : RUN echo no disk")
                .hasMessageContaining("no disk");
    }

    private ServiceConfig service(ServiceConfig.Build build) {
        return new ServiceConfig("svc", tag, build, Map.of(), List.of(), null, List.of());
    }
}
