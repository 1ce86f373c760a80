package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ConfigLoader;
import io.faultline.config.TestConfig;
import io.vertx.core.Future;
import org.junit.jupiter.api.Assumptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** What the tests against the real daemon share: a client or a skip, and run ids their cleanup can find. */
final class DockerTests {

    private DockerTests() {
    }

    /** A client of the local daemon; without one the test is skipped (CI has a daemon, so there it runs). */
    static DockerClient clientOrSkip() {
        try {
            return DockerClients.connect();
        } catch (DockerUnavailable e) {
            return Assumptions.abort("skipped: needs a Docker daemon. " + e.getMessage());
        }
    }

    /** A run id of its own per test: cleanup removes by it, so tests never touch each other's or real runs' resources. */
    static String newRunId() {
        return "docker-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    static TestConfig config(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, "test.yaml", List.of(), Map.of()).config();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
