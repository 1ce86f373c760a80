package io.faultline.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesConfigTest {

    @TempDir
    Path tmp;

    @Test
    void servicesComeInDependencyOrderWithTheirBuildContextBesideTheConfig() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("examples"));
        Path file = Files.writeString(dir.resolve("test.yaml"), """
                name: x
                cluster: {provider: docker}
                workload: {name: register}
                services:
                  - name: kafka
                    build: {context: ../services/kafka}
                    environment: {KAFKA_HEAP: -Xmx256m}
                    health: {command: kafka-health, interval: 2s, retries: 5, timeout: 3s}
                    depends-on: [zookeeper]
                  - name: zookeeper
                    image: faultline/zookeeper
                    build: ../services/zookeeper
                    command: [zkServer.sh, start-foreground]
                    health: {command: "echo ruok | nc 127.0.0.1 2181 | grep -q imok"}
                """);

        List<ServiceConfig> services = ConfigLoader.load(file, List.of(), Map.of()).config().services();

        assertThat(services).extracting(ServiceConfig::name).containsExactly("zookeeper", "kafka");
        ServiceConfig zookeeper = services.get(0);
        assertThat(zookeeper.image()).isEqualTo("faultline/zookeeper");
        assertThat(zookeeper.build().context()).isEqualTo(tmp.resolve("services/zookeeper").toAbsolutePath());
        assertThat(zookeeper.command()).containsExactly("zkServer.sh", "start-foreground");
        assertThat(zookeeper.health().command()).containsExactly("sh", "-c", "echo ruok | nc 127.0.0.1 2181 | grep -q imok");
        assertThat(zookeeper.health().retries()).isEqualTo(ServiceConfig.Health.DEFAULT_RETRIES);
        ServiceConfig kafka = services.get(1);
        assertThat(kafka.image()).as("a build without an image is tagged after the service").isEqualTo("faultline/kafka");
        assertThat(kafka.build().dockerfile()).isEqualTo("Dockerfile");
        assertThat(kafka.environment()).containsEntry("KAFKA_HEAP", "-Xmx256m");
        assertThat(kafka.health()).isEqualTo(new ServiceConfig.Health(List.of("sh", "-c", "kafka-health"), Duration.ofSeconds(2), 5,
                Duration.ofSeconds(3)));
        assertThat(kafka.dependsOn()).containsExactly("zookeeper");
    }

    @Test
    void noServicesSectionMeansNone() throws Exception {
        TestConfig config = ConfigLoader.parse("name: x\nworkload: {name: register}\n", "test.yaml", List.of(), Map.of()).config();
        assertThat(config.services()).isEmpty();
    }
}
