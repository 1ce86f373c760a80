package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeImageTest {
    @TempDir
    Path tmp;

    private DockerClient client;
    private final String tag = "faultline/node-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

    @BeforeEach
    void connect() {
        client = DockerTests.clientOrSkip();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        try {
            // Only the tag goes when the build reused faultline/node's layers; a fresh image goes with it.
            client.removeImageCmd(tag).exec();
        } catch (NotFoundException e) {
            // The test did not get as far as building it.
        }
        client.close();
    }

    @Test
    void missingImageIsBuiltFromTheDockerfile() {
        assertThat(NodeImage.named(client, tag).ensure()).isEqualTo(tag);

        assertThat(client.inspectImageCmd(tag).exec().getConfig().getLabels()).containsEntry("org.faultline.image", "node");
        assertThat(NodeImage.named(client, tag).withDockerDir(tmp.resolve("nowhere")).ensure())
                .as("an image that exists is used as it is, Dockerfile or not")
                .isEqualTo(tag);
    }

    @Test
    void missingBaseImageNamesTheScriptThatProvidesIt() {
        String base = "no-such-base-" + tag.substring(tag.lastIndexOf('-') + 1) + ":bookworm";

        assertThatThrownBy(() -> NodeImage.named(client, tag).withBase(base).ensure())
                .hasMessageContaining("base image " + base)
                .hasMessageContaining("docker/scripts/build-base-image.sh " + base);
    }

    @Test
    void missingProjectBaseImageNamesPrepareMachine() {
        // An image of the project's own (faultline/node under faultline/node-patroni) comes from prepare-machine.sh.
        String base = "faultline/no-such-base:" + tag.substring(tag.lastIndexOf('-') + 1);

        assertThatThrownBy(() -> NodeImage.named(client, tag).withBase(base).ensure())
                .hasMessageContaining("base image " + base)
                .hasMessageContaining("docker/scripts/prepare-machine.sh");
    }

    @Test
    void failingBuildShowsTheFailingStepAndItsLastLines() throws Exception {
        Path node = Files.createDirectories(tmp.resolve("docker/node"));
        Files.writeString(node.resolve("Dockerfile"), """
                ARG BASE=debian:bookworm-slim
                FROM ${BASE}
                RUN echo about to fail && ls /no/such/dir
                """);

        assertThatThrownBy(() -> NodeImage.named(client, tag).withDockerDir(tmp.resolve("docker")).ensure())
                .hasMessageContaining("failed at Step 3/3 : RUN echo about to fail && ls /no/such/dir: ")
                .hasMessageContaining("returned a non-zero code: 2")
                // The step's stdout and stderr reach the log in either order.
                .hasMessageContaining("last output lines:\nStep 3/3 : RUN echo about to fail && ls /no/such/dir\n")
                .hasMessageContaining("\nabout to fail")
                .hasMessageContaining("\nls: cannot access '/no/such/dir': No such file or directory");
    }
}
