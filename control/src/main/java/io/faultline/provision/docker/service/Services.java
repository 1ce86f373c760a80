package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ServiceConfig;
import io.faultline.provision.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A run's services: started one after another in dependency order (the config gives them so), each healthy before
 * the next starts, then watched — every service's health checked at its interval on a thread of the watch's own —
 * until {@link #close}. Each time a check fails after a passing one, an {@link Outage} opens; the next pass closes it.
 */
public final class Services implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);
    static final int LOG_LINES = 30;

    private final DockerClient client;
    private final Function<String, String> containerNames;
    private final List<ServiceContainer> started = new ArrayList<>();
    private final List<Outage> outages = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> unhealthySince = new LinkedHashMap<>();
    private final Map<String, String> lastSaid = new LinkedHashMap<>();
    private ScheduledExecutorService watch;

    /** @param containerNames a service's name to its container's Docker name */
    public Services(DockerClient client, Function<String, String> containerNames) {
        this.client = client;
        this.containerNames = containerNames;
    }

    /**
     * Starts each service on {@code network} at {@code addresses.apply(i)} and waits until it is healthy; blocking.
     *
     * @throws ServiceNotHealthy naming the first service that never got healthy, with its last log lines
     */
    public void start(List<ServiceConfig> services, String network, IntFunction<String> addresses,
                      Function<String, Map<String, String>> labels) throws InterruptedException {
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig service = services.get(i);
            String image = ServiceImage.ensure(client, service);
            ServiceContainer container = new ServiceContainer(client, service, containerNames.apply(service.name()));
            started.add(container);
            container.start(image, network, addresses.apply(i), labels.apply(service.name()));
            long t0 = System.nanoTime();
            awaitHealthy(container);
            LOG.info("service {} is healthy after {} ms ({} at {})", service.name(), (System.nanoTime() - t0) / 1_000_000,
                    image, addresses.apply(i));
        }
    }

    /**
     * Waits until the service's check passes: tried every interval, at most {@code retries} times (a service without a
     * health check is healthy while its container runs). Blocking; also what {@code wait-ready} does.
     */
    public static void awaitHealthy(ServiceContainer container) throws InterruptedException {
        ServiceConfig.Health health = container.service().health();
        int tries = health == null ? 1 : health.retries();
        HealthCheck.Result last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            last = container.check();
            if (last.healthy()) return;
            if (!container.running()) break;
            if (attempt < tries) Thread.sleep(health.interval().toMillis());
        }
        throw new ServiceNotHealthy(container.service().name(), notHealthy(container, last));
    }

    private static String notHealthy(ServiceContainer container, HealthCheck.Result last) {
        ServiceConfig.Health health = container.service().health();
        String how = !container.running() ? "its container " + container.containerName() + " exited"
                : "its health check (" + String.join(" ", health.command()) + ") failed " + health.retries() + " times, "
                + health.interval().toMillis() / 1000.0 + " s apart";
        return "service " + container.service().name() + " never became healthy: " + how
                + (last.said().isEmpty() ? "" : "; last check: " + last.said())
                + "; its last " + LOG_LINES + " log lines:\n" + container.lastLogLines(LOG_LINES);
    }

    /** Checks every started service at its interval from now on, recording when one is unhealthy. */
    public synchronized void watch() {
        if (watch != null || started.isEmpty()) return;
        watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "faultline-service-health");
            thread.setDaemon(true);
            return thread;
        });
        for (ServiceContainer container : started) {
            long interval = container.service().health() == null ? 1_000 : container.service().health().interval().toMillis();
            watch.scheduleWithFixedDelay(() -> checkOnce(container), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void checkOnce(ServiceContainer container) {
        String name = container.service().name();
        long began = System.nanoTime();
        HealthCheck.Result result = container.check();
        long now = System.nanoTime();
        synchronized (this) {
            if (watch == null || watch.isShutdown()) return;
            Long since = unhealthySince.get(name);
            if (!result.healthy() && since == null) {
                // Either end is taken where it makes the outage longer: a check that times out failed when it began.
                unhealthySince.put(name, began);
                lastSaid.put(name, result.said());
                LOG.warn("service {} is unhealthy: {}", name, result.said());
            } else if (result.healthy() && since != null) {
                unhealthySince.remove(name);
                outages.add(new Outage("service " + name, since, now, lastSaid.remove(name)));
                LOG.info("service {} is healthy again", name);
            }
        }
    }

    /** Every outage so far, those still going reported as ongoing. */
    public synchronized List<Outage> outages() {
        List<Outage> all = new ArrayList<>(outages);
        unhealthySince.forEach((name, since) -> all.add(new Outage("service " + name, since, Outage.ONGOING, lastSaid.get(name))));
        return all;
    }

    /** Writes each service's log to {@code dirs.apply(name)/<name>.log}. */
    public void saveLogs(Function<String, Path> dirs) {
        for (ServiceContainer container : started) {
            String name = container.service().name();
            try {
                Path dir = Files.createDirectories(dirs.apply(name));
                container.saveLogs(dir.resolve(name + ".log"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("service {}: its log could not be saved: {}", name, e.getMessage());
            }
        }
    }

    /** Stops watching; the containers go with the run's others, found by label. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = watch;
            if (stopping == null) return;
            stopping.shutdownNow();
        }
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
