package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import io.faultline.config.ServiceConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One service's container: on the data network only (it has no agent, so no business on the control network), at a
 * fixed address, with the service's name as host name and network alias, so that nodes reach it by name. Blocking.
 */
public final class ServiceContainer {
    private final DockerClient client;
    private final ServiceConfig service;
    private final String containerName;

    /** @param containerName the Docker name of its container, made or to be made */
    public ServiceContainer(DockerClient client, ServiceConfig service, String containerName) {
        this.client = client;
        this.service = service;
        this.containerName = containerName;
    }

    public ServiceConfig service() {
        return service;
    }

    public String containerName() {
        return containerName;
    }

    /** Creates and starts the container; its image must exist. */
    void start(String image, String network, String address, Map<String, String> labels) {
        CreateContainerCmd create = client.createContainerCmd(image)
                .withName(containerName)
                .withHostName(service.name())
                .withLabels(labels)
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
                .withIpv4Address(address)
                .withAliases(service.name());
        if (!service.command().isEmpty()) create.withCmd(service.command());
        client.startContainerCmd(create.exec().getId()).exec();
    }

    /** Whether the container is running: false when it exited or does not exist. */
    public boolean running() {
        return ContainerState.running(client, containerName);
    }

    /** One health check: the service's command, or, for a service without one, whether its container runs. */
    public HealthCheck.Result check() {
        ServiceConfig.Health health = service.health();
        if (health == null) return new HealthCheck.Result(running(), running() ? "" : "its container is not running");
        if (!running()) return new HealthCheck.Result(false, "its container is not running");
        return HealthCheck.run(client, containerName, health.command(), health.timeout());
    }

    public String lastLogLines(int lines) {
        return ContainerLogs.tail(client, containerName, lines);
    }

    public void saveLogs(Path file) throws IOException {
        ContainerLogs.save(client, containerName, file);
    }
}
