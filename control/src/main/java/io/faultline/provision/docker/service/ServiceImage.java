package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A service's image: used when present, else built from the service's Dockerfile; never pulled. Blocking. */
final class ServiceImage {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceImage.class);

    private ServiceImage() {
    }

    static String ensure(DockerClient client, ServiceConfig service) {
        if (ImageBuild.exists(client, service.image())) return service.image();
        ServiceConfig.Build build = service.build();
        if (build == null) {
            throw new IllegalStateException("service " + service.name() + ": image " + service.image() + " is missing and cannot be"
                    + " pulled here (no registry is reachable); build it, or give the service a build: with its Dockerfile's directory");
        }
        Path dockerfile = build.context().resolve(build.dockerfile());
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException("service " + service.name() + ": image " + service.image() + " is missing and its"
                    + " Dockerfile " + dockerfile + " does not exist (services[].build names its directory, relative to the config file)");
        }
        LOG.info("service {}: image {} is missing; building it from {}", service.name(), service.image(), dockerfile);
        long started = System.nanoTime();
        ImageBuild.build(client, service.image(), build.context(), dockerfile, Map.of());
        LOG.info("service {}: image {} built in {} s", service.name(), service.image(), (System.nanoTime() - started) / 1_000_000_000);
        return service.image();
    }
}
