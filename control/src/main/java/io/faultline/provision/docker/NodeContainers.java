package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import io.faultline.protocol.AgentContract;
import io.faultline.provision.docker.service.ContainerLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One container per node: named {@code faultline-<short run id>-<node>}, host name = node name, on the control
 * network at create time and joined to the data network before it starts (Docker attaches only one network at
 * create time), each with its fixed address on both. {@code NET_ADMIN} lets the agent set up iptables partitions.
 * The agent jar, the node's TLS directory and the plugins are mounted read-only, so a code change needs no image rebuild.
 */
final class NodeContainers {
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** The agent recording the class-data archive writes it as it exits, which takes a while on a loaded machine. */
    private static final Duration RECORD_GRACE = Duration.ofSeconds(60);
    /** Exit codes of a JVM that ended in order, by its own exit or on SIGTERM: it finished writing at exit. */
    private static final java.util.Set<Long> EXITED_BY_ITSELF = java.util.Set.of(0L, 143L);
    private static final Logger LOG = LoggerFactory.getLogger(NodeContainers.class);
    static final String AGENT_JAR = "/opt/faultline/agent.jar";
    static final String TLS_DIR = "/opt/faultline/tls";
    static final String PLUGINS_DIR = "/opt/faultline/plugins";
    /**
     * The agent is light work once started; what matters is starting N JVMs at once on a few cores, so
     * the C1 compiler only and the serial collector keep start-up CPU low.
     */
    static final List<String> AGENT_COMMAND = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-jar", AGENT_JAR);
    private static final int LOG_LINES = 30;
    /** Containers created at once; the daemon serialises some of its work anyway. */
    private static final int MAX_PARALLEL = 8;

    private final DockerClient client;
    private final RunNetworks networks;
    private String image = "faultline/node";
    private Path agentJar;
    private Function<String, Path> tlsDirs = node -> null;
    private Function<String, Map<String, String>> environment = node -> Map.of();
    private List<String> command = AGENT_COMMAND;
    private String archiveCache;
    private ClassArchive classArchive;
    private List<Path> plugins = List.of();
    /** How long after start a container must still be running to count as started. */
    private static final Duration SETTLE_TIME = Duration.ofMillis(300);

    NodeContainers(DockerClient client, RunNetworks networks) {
        this.client = client;
        this.networks = networks;
    }

    NodeContainers withImage(String image) {
        this.image = image;
        return this;
    }

    NodeContainers withAgentJar(Path agentJar) {
        this.agentJar = agentJar;
        return this;
    }

    /** The host directory with a node's TLS files, or null for a node without TLS. */
    NodeContainers withTlsDirs(Function<String, Path> tlsDirs) {
        this.tlsDirs = tlsDirs;
        return this;
    }

    NodeContainers withEnvironment(Function<String, Map<String, String>> environment) {
        this.environment = environment;
        return this;
    }

    /** Mounts this volume where the agent caches {@code db.archive} downloads. */
    NodeContainers withArchiveCache(String volume) {
        this.archiveCache = volume;
        return this;
    }

    /** Mounts each plugin (a jar or a folder of jars) read-only at {@link #pluginTargets}. */
    NodeContainers withPlugins(List<Path> plugins) {
        this.plugins = List.copyOf(plugins);
        return this;
    }

    /** Where the containers see the plugins: numbered, so two plugins of the same name do not collide; the name kept for messages. */
    static List<String> pluginTargets(List<Path> plugins) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) targets.add(PLUGINS_DIR + "/" + i + "/" + plugins.get(i).getFileName());
        return targets;
    }

    NodeContainers withCommand(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    /** Starts the agents from this class-data archive, or has the first node record it; null for none. */
    NodeContainers withClassArchive(ClassArchive classArchive) {
        this.classArchive = classArchive;
        return this;
    }

    static String name(String runId, String node) {
        return Labels.prefix(runId) + "-" + node;
    }

    /**
     * Creates and starts a container per node, then checks that each is still running a moment later: a
     * container that dies at once (bad command, missing jar) fails here with its last log lines rather than
     * later as an agent that never registers.
     */
    List<String> start(List<String> nodes) throws InterruptedException {
        List<String> ids = startAll(nodes);
        Thread.sleep(SETTLE_TIME.toMillis());
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            InspectContainerResponse inspect = client.inspectContainerCmd(ids.get(i)).exec();
            if (!Boolean.TRUE.equals(inspect.getState().getRunning())) dead.add(death(nodes.get(i), ids.get(i), inspect));
        }
        if (!dead.isEmpty()) throw new IllegalStateException(String.join("\n", dead));
        LOG.info("run {}: {} node containers running from {}: {}", networks.runId(), nodes.size(), image, summary(nodes));
        return ids;
    }

    /**
     * Creates and starts the nodes' containers all at once: each takes the daemon a few hundred milliseconds,
     * mostly waiting on its network set-up, and the agents' start-up clock runs from the first.
     */
    private List<String> startAll(List<String> nodes) throws InterruptedException {
        ExecutorService parallel = Executors.newFixedThreadPool(Math.min(nodes.size(), MAX_PARALLEL), task -> {
            Thread thread = new Thread(task, "faultline-docker-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                String node = nodes.get(i);
                int index = i;
                started.add(parallel.submit(() -> {
                    String id = create(node, index);
                    client.startContainerCmd(id).exec();
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : started) {
                try {
                    ids.add(id.get());
                } catch (ExecutionException e) {
                    // The others finish or fail on their own; remove() finds whatever was created by its label.
                    if (e.getCause() instanceof RuntimeException cause) throw cause;
                    throw new IllegalStateException(e.getCause());
                }
            }
            return ids;
        } finally {
            parallel.shutdown();
        }
    }

    /** Removes every container of the run, also those a failed {@link #start} created but did not report. */
    void remove() {
        List<Container> containers = client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.RUN, networks.runId())).exec();
        terminate(containers);
        if (classArchive != null) {
            for (Container container : containers) {
                if (!recordsClassArchive(container)) continue;
                try {
                    InspectContainerResponse.ContainerState state = client.inspectContainerCmd(container.getId()).exec().getState();
                    classArchive.recorded(!Boolean.TRUE.equals(state.getRunning()) && EXITED_BY_ITSELF.contains(state.getExitCodeLong()));
                } catch (NotFoundException e) {
                    classArchive.recorded(false);
                }
            }
        }
        for (Container container : containers) {
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // Gone already: removal is idempotent.
            }
        }
        if (!containers.isEmpty()) LOG.info("run {}: {} containers removed (nodes and services)", networks.runId(), containers.size());
    }

    /**
     * SIGTERM to every running node, then a few seconds for them to exit: an agent's shutdown hook leaves
     * the Hazelcast cluster cleanly, where a forced removal leaves the control waiting out member timeouts.
     */
    private void terminate(List<Container> containers) {
        Map<String, Long> running = new HashMap<>();
        long now = System.nanoTime();
        for (Container container : containers) {
            if (!"running".equals(container.getState())) continue;
            try {
                client.killContainerCmd(container.getId()).withSignal("TERM").exec();
                running.put(container.getId(), now + (recordsClassArchive(container) ? RECORD_GRACE : GRACE).toNanos());
            } catch (RuntimeException e) {
                // Exited meanwhile, or the daemon refused: the forced removal below handles it.
            }
        }
        while (!running.isEmpty()) {
            long time = System.nanoTime();
            running.entrySet().removeIf(entry -> {
                if (time > entry.getValue()) return true;
                try {
                    return !Boolean.TRUE.equals(client.inspectContainerCmd(entry.getKey()).exec().getState().getRunning());
                } catch (NotFoundException e) {
                    return true;
                }
            });
            if (!running.isEmpty()) sleep(100);
        }
    }

    private static boolean recordsClassArchive(Container container) {
        return container.getCommand() != null && container.getCommand().contains(ClassArchive.RECORD);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String create(String node, int index) {
        Map<String, String> labels = networks.labels();
        labels.put(Labels.NODE, node);
        List<Mount> mounts = new ArrayList<>();
        mounts.add(readOnly(agentJar, AGENT_JAR));
        Path tls = tlsDirs.apply(node);
        if (tls != null) mounts.add(readOnly(tls, TLS_DIR));
        List<String> pluginTargets = pluginTargets(plugins);
        for (int i = 0; i < plugins.size(); i++) mounts.add(readOnly(plugins.get(i), pluginTargets.get(i)));
        if (archiveCache != null) {
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(archiveCache).withTarget(AgentContract.ARCHIVE_CACHE_DIR));
        }
        List<String> cmd = command;
        if (classArchive != null && command.equals(AGENT_COMMAND)) {
            cmd = new ArrayList<>(command.subList(0, 1));
            cmd.addAll(classArchive.javaOptions(index == 0));
            cmd.addAll(command.subList(1, command.size()));
            mounts.add(new Mount().withType(MountType.BIND).withSource(classArchive.hostDir().toString()).withTarget(ClassArchive.DIR));
        }
        String id = client.createContainerCmd(image)
                .withName(name(networks.runId(), node))
                .withHostName(node)
                .withLabels(labels)
                .withEnv(environment.apply(node).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withCmd(cmd)
                .withIpv4Address(networks.controlAddress(index))
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode(networks.controlNetwork())
                        // Docker's init (tini) as PID 1 reaps what the system under test orphans: with the agent as PID 1
                        // nothing does, and Patroni waits for ever for a postmaster that stays a zombie.
                        .withInit(true)
                        .withCapAdd(Capability.NET_ADMIN)
                        .withMounts(mounts))
                .exec()
                .getId();
        // The node name resolves to its data address for the other nodes, so a database given peer names talks
        // over the data network, where partitions apply.
        client.connectToNetworkCmd()
                .withNetworkId(networks.dataNetwork())
                .withContainerId(id)
                .withContainerNetwork(new ContainerNetwork()
                        .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(networks.dataAddress(index)))
                        .withAliases(node))
                .exec();
        return id;
    }

    // The Mount API, unlike a bind string, refuses a missing source instead of creating an empty directory there.
    private static Mount readOnly(Path source, String target) {
        return new Mount().withType(MountType.BIND).withSource(source.toAbsolutePath().toString()).withTarget(target)
                .withReadOnly(true);
    }

    private String death(String node, String id, InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        String how = "exited with code " + state.getExitCodeLong()
                + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (killed: out of memory)" : "")
                + (state.getError() != null && !state.getError().isBlank() ? " (" + state.getError() + ")" : "");
        return "node " + node + ": container " + name(networks.runId(), node) + " " + how + " right after it started; its last "
                + LOG_LINES + " log lines:\n" + ContainerLogs.tail(client, id, LOG_LINES);
    }

    private String summary(List<String> nodes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) out.append(", ");
            out.append(nodes.get(i)).append(' ').append(networks.controlAddress(i)).append('/').append(networks.dataAddress(i));
        }
        return out.toString();
    }
}
