package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import io.faultline.config.ServiceConfig;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.faultline.provision.Outage;
import io.faultline.provision.Provider;
import io.faultline.provision.docker.service.Services;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code docker} provider: each node is a container from the node image, with its agent started from the
 * mounted agent jar, on a control network (event bus, Hazelcast) and a data network (the system under test).
 *
 * <p>The control JVM must be reachable from the containers, so it binds to the host's address on the run's
 * control network, which exists only once the networks are made: the launcher calls {@link #prepareNetworks}
 * (blocking; it also removes abandoned runs), starts its clustered Vert.x on {@link RunNetworks#controlHost()},
 * and deploys the control verticle, which calls {@link #start} in its provision phase and {@link #stop} in
 * teardown, also after a failed start. If the control never gets that far, the launcher calls {@link #stop}.
 *
 * <p>Docker calls block, so they run one at a time on the provider's own thread (an image build may take
 * minutes, longer than Vert.x lets a worker block without warnings); {@link #start} and {@link #stop} complete
 * their futures on the calling Vert.x context, so the control verticle continues on its own event loop.
 */
public final class DockerProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(DockerProvider.class);
    public static final int AGENT_HAZELCAST_PORT = 5701;
    /**
     * Extra JVM options for every agent, e.g. {@code -XX:StartFlightRecording=...} to profile one run: the control's
     * variable of this name reaches each node container as {@code JAVA_TOOL_OPTIONS}, which every JVM reads.
     */
    public static final String AGENT_JAVA_OPTIONS = "FAULTLINE_AGENT_JAVA_OPTIONS";

    private final Path agentJar;
    private final Function<String, Path> tlsDirs;
    private final int agentHazelcastPort;
    private final Function<String, List<String>> controlMembers;
    private final ExecutorService docker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "faultline-docker");
        thread.setDaemon(true);
        return thread;
    });
    private Supplier<DockerClient> connect = DockerClients::connect;
    private List<String> command = NodeContainers.AGENT_COMMAND;

    // Touched only on the docker thread.
    private DockerClient client;
    private RunNetworks networks;
    private NodeContainers containers;
    private volatile Services services;
    private volatile boolean leaveRunning;
    private Function<String, Path> serviceDirs;

    /**
     * @param agentJar           the shaded agent jar on the Docker host, usually {@code agent/target/faultline-agent.jar}
     * @param tlsDirs            a node's directory with {@code ca.pem}, {@code node.pem}, {@code node-key.pem} on the Docker
     *                           host, or null when the node's event bus runs without TLS
     * @param agentHazelcastPort the port each agent's Hazelcast member binds on its control-network address
     * @param controlMembers     given the control host ({@link RunNetworks#controlHost()}), the control's Hazelcast
     *                           members as {@code host:port}
     */
    public DockerProvider(Path agentJar, Function<String, Path> tlsDirs, int agentHazelcastPort,
                          Function<String, List<String>> controlMembers) {
        this.agentJar = Objects.requireNonNull(agentJar, "agentJar");
        this.tlsDirs = tlsDirs != null ? tlsDirs : node -> null;
        this.agentHazelcastPort = agentHazelcastPort;
        this.controlMembers = Objects.requireNonNull(controlMembers, "controlMembers");
    }

    /** Runs this command in the node containers instead of the agent: a seam for tests of the containers alone. */
    DockerProvider withCommand(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    /** Where each service's log is kept, in the run directory ({@code services/<name>}); without it, logs are not kept. */
    public DockerProvider withServiceDirs(Function<String, Path> serviceDirs) {
        this.serviceDirs = serviceDirs;
        return this;
    }

    /** Connects to this daemon instead of the one the environment names. */
    DockerProvider withClient(Supplier<DockerClient> connect) {
        this.connect = connect;
        return this;
    }

    /**
     * Connects to Docker, removes what abandoned runs left behind and creates the run's two networks. Blocks;
     * call it before the control starts its clustered Vert.x, which binds to {@link RunNetworks#controlHost()}.
     *
     * @throws DockerUnavailable when no daemon answers
     */
    public RunNetworks prepareNetworks(String runId) {
        return prepareNetworks(runId, false);
    }

    /**
     * @param keptUntilDown for {@code faultline up}: everything the run creates is labelled {@link Labels#KEPT}, so that
     *                      other runs' sweeps leave it for {@code faultline down}
     */
    public RunNetworks prepareNetworks(String runId, boolean keptUntilDown) {
        try {
            return docker.submit(() -> {
                if (networks != null) throw new IllegalStateException("networks of run " + networks.runId() + " exist already");
                client = connect.get();
                Leftovers.removeAbandoned(client);
                networks = RunNetworks.create(client, runId, keptUntilDown);
                return networks;
            }).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the networks of run " + runId, e);
        } catch (TimeoutException e) {
            throw new DockerUnavailable("Docker did not create the networks of run " + runId + " within 2 minutes", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Future<Void> start(TestConfig config, List<AgentContract> agents, NodeDirs nodeDirs) {
        String runId = agents.get(0).runId();
        return blocking(() -> {
            if (networks == null || !networks.runId().equals(runId)) {
                throw new IllegalStateException("call prepareNetworks(\"" + runId + "\") before start: the control must "
                        + "bind to the run's control network before the nodes can reach it");
            }
            leaveRunning = config.cluster().leaveRunning();
            checkMounts(config.nodes());
            if (config.services().size() > RunNetworks.MAX_SERVICES) {
                throw new IllegalArgumentException(config.services().size() + " services do not fit a run's data network; at most "
                        + RunNetworks.MAX_SERVICES);
            }
            String image = NodeImage.named(client, config.cluster().image()).ensure();
            List<String> serviceNames = config.services().stream().map(ServiceConfig::name).toList();
            // Before the nodes, in dependency order, each healthy: a database's setup may need them at once.
            services = new Services(client, service -> NodeContainers.name(runId, service));
            services.start(config.services(), networks.dataNetwork(), networks::serviceAddress, service -> {
                Map<String, String> labels = networks.labels();
                labels.put(Labels.SERVICE, service);
                return labels;
            });
            services.watch();
            List<String> members = controlMembers.apply(networks.controlHost());
            String archiveCache = config.db().archive() == null ? null : ArchiveCacheVolume.ensure(client);
            containers = new NodeContainers(client, networks)
                    .withArchiveCache(archiveCache)
                    .withImage(image)
                    .withAgentJar(agentJar)
                    .withTlsDirs(tlsDirs)
                    .withCommand(command)
                    .withClassArchive(ClassArchive.beside(agentJar))
                    .withPlugins(config.plugins())
                    .withEnvironment(node -> environment(agents.get(config.nodes().indexOf(node))
                            .withPlugins(NodeContainers.pluginTargets(config.plugins()))
                            .withEndpoints(NodeEndpoints.of(runId, config.nodes(), serviceNames, node, networks, agentHazelcastPort, members,
                                    tlsDirs.apply(node) != null))));
            containers.start(config.nodes());
            return null;
        });
    }

    /**
     * Removes the containers, then the networks; or, with {@code cluster.leave-running}, keeps both and says how
     * to remove them. Safe after a failed or partial start, and a second time.
     */
    /** Keeps the cluster at {@link #stop}, as {@code cluster.leave-running} does: {@code faultline up} found it ready. */
    public void keepRunning() {
        leaveRunning = true;
    }

    @Override
    public List<Outage> outages() {
        Services watched = services;
        return watched == null ? List.of() : watched.outages();
    }

    @Override
    public Future<Void> stop() {
        if (docker.isShutdown()) return Future.succeededFuture();
        Future<Void> stopped = blocking(() -> {
            if (client == null) return null;
            try {
                if (services != null) {
                    services.close();
                    if (serviceDirs != null) services.saveLogs(serviceDirs);
                }
                if (networks == null) return null;
                String runId = networks.runId();
                if (leaveRunning) {
                    LOG.info("run {}: nodes and services left running; faultline down or the next run removes them, or now: "
                            + "docker rm -f $(docker ps -aq --filter label={}={}) && docker network rm {} {}", runId,
                            Labels.RUN, runId, networks.controlNetwork(), networks.dataNetwork());
                    return null;
                }
                if (containers == null) containers = new NodeContainers(client, networks);
                containers.remove();
                networks.remove(client);
                return null;
            } finally {
                DockerClients.closeQuietly(client);
                client = null;
                networks = null;
                containers = null;
            }
        });
        docker.shutdown();
        return stopped;
    }

    private static Map<String, String> environment(AgentContract contract) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(AgentContract.VARIABLE, contract.toJson());
        String javaOptions = System.getenv(AGENT_JAVA_OPTIONS);
        if (javaOptions != null && !javaOptions.isBlank()) environment.put("JAVA_TOOL_OPTIONS", javaOptions);
        return environment;
    }

    private void checkMounts(List<String> nodes) {
        if (nodes.size() > RunNetworks.MAX_NODES) {
            throw new IllegalArgumentException(nodes.size() + " nodes do not fit a run's /24 networks; at most " + RunNetworks.MAX_NODES);
        }
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalStateException("the agent jar " + agentJar.toAbsolutePath() + " does not exist; build it with: "
                    + "mvn -pl agent -am package -DskipTests");
        }
        for (String node : nodes) {
            Path tls = tlsDirs.apply(node);
            if (tls != null && !Files.isDirectory(tls)) {
                throw new IllegalStateException("the TLS directory of " + node + ", " + tls.toAbsolutePath() + ", does not exist");
            }
        }
    }

    /**
     * Runs Docker work on the provider's thread; the future completes on the caller's Vert.x context, or on the
     * docker thread when the caller has none (a test, a shutdown hook).
     */
    private <T> Future<T> blocking(Callable<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        try {
            docker.execute(() -> {
                try {
                    T result = work.call();
                    deliver(context, () -> promise.complete(result));
                } catch (Throwable e) {
                    deliver(context, () -> promise.fail(e));
                }
            });
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalStateException("the Docker provider is stopped", e));
        }
        return promise.future();
    }

    private static void deliver(Context context, Runnable completion) {
        if (context != null) context.runOnContext(v -> completion.run());
        else completion.run();
    }
}
