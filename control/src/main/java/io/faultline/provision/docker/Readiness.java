package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.DbConfig;
import io.faultline.config.ServiceConfig;
import io.faultline.config.TestConfig;
import io.faultline.provision.docker.service.ContainerLogs;
import io.faultline.provision.docker.service.ContainerState;
import io.faultline.provision.docker.service.HealthCheck;
import io.faultline.provision.docker.service.ServiceContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether a cluster left running ({@code faultline up}) is ready, seen from outside through Docker alone: every node
 * container runs, its agent has registered, its etcd (or Patroni) answers {@code /health}, and every service passes its health
 * check — the same check, {@link ServiceContainer#check}, that a run waits on before db setup. Blocking.
 */
public final class Readiness {
    private static final int LOG_LINES = 30;
    /** Far more than an agent writes before it registers, so the line is found however chatty the node was. */
    private static final int AGENT_LOG_LINES = 100_000;
    private static final List<String> ETCD_HEALTH = List.of("sh", "-c",
            "curl -fsS -m 2 http://127.0.0.1:2379/health | grep -q '\"health\":\"true\"'");
    /** Patroni's REST API answers /health with 200 while its PostgreSQL is up and running. */
    private static final List<String> PATRONI_HEALTH = List.of("curl", "-fsS", "-m", "2", "-o", "/dev/null",
            "http://127.0.0.1:8008/health");
    private static final Duration ETCD_CHECK_TIMEOUT = Duration.ofSeconds(5);

    private record Part(String what, String container, Supplier<HealthCheck.Result> check) {
    }

    private final DockerClient client;
    private final List<Part> parts = new ArrayList<>();
    private final boolean patroni;

    private Readiness(DockerClient client, boolean patroni) {
        this.client = client;
        this.patroni = patroni;
    }

    public static Readiness of(DockerClient client, String runId, TestConfig config) {
        Readiness readiness = new Readiness(client, config.db().name().equals(DbConfig.PATRONI));
        for (ServiceConfig service : config.services()) {
            ServiceContainer container = new ServiceContainer(client, service, NodeContainers.name(runId, service.name()));
            readiness.parts.add(new Part("service " + service.name(), container.containerName(), container::check));
        }
        for (String node : config.nodes()) {
            String container = NodeContainers.name(runId, node);
            readiness.parts.add(new Part("node " + node, container, () -> readiness.node(node, container)));
        }
        return readiness;
    }

    /**
     * Checks until everything is ready or {@code timeout} passes.
     *
     * @return nothing when ready; else one entry per part not ready: what, why, and its container's last log lines
     */
    public List<String> await(Duration timeout, Duration every) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> waiting = new ArrayList<>();
            List<Part> notReady = new ArrayList<>();
            for (Part part : parts) {
                HealthCheck.Result result = part.check().get();
                if (!result.healthy()) {
                    notReady.add(part);
                    waiting.add(part.what() + ": " + result.said());
                }
            }
            if (notReady.isEmpty()) return List.of();
            if (System.nanoTime() >= deadline) {
                List<String> report = new ArrayList<>();
                for (int i = 0; i < notReady.size(); i++) {
                    report.add(waiting.get(i) + "; last " + LOG_LINES + " log lines of " + notReady.get(i).container() + ":\n"
                            + ContainerLogs.tail(client, notReady.get(i).container(), LOG_LINES));
                }
                return report;
            }
            Thread.sleep(Math.max(1, Math.min(every.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    public List<String> parts() {
        return parts.stream().map(Part::what).toList();
    }

    private HealthCheck.Result node(String node, String container) {
        if (!ContainerState.running(client, container)) return new HealthCheck.Result(false, "its container is not running");
        if (!ContainerLogs.tail(client, container, AGENT_LOG_LINES).contains(node + ": registered with the control")) {
            return new HealthCheck.Result(false, "its agent has not registered");
        }
        HealthCheck.Result db = HealthCheck.run(client, container, patroni ? PATRONI_HEALTH : ETCD_HEALTH, ETCD_CHECK_TIMEOUT);
        return db.healthy() ? db : new HealthCheck.Result(false, (patroni ? "patroni" : "etcd") + " does not answer /health as healthy ("
                + (db.said().isEmpty() ? "no answer" : db.said()) + ")");
    }
}
