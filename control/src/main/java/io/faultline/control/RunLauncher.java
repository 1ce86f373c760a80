package io.faultline.control;

import io.faultline.run.ConfigProblem;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.run.RunOutcome;
import io.faultline.run.RunLog;

import io.faultline.agent.NodeRuntime;
import io.faultline.checker.Checker;
import io.faultline.cluster.ClusteredVertx;
import io.faultline.cluster.RunCertificates;
import io.faultline.config.ConfigException;
import io.faultline.config.DbConfig;
import io.faultline.config.Honoured;
import io.faultline.config.LoadedConfig;
import io.faultline.config.TestConfig;
import io.faultline.provision.LocalProvider;
import io.faultline.provision.Provider;
import io.faultline.provision.docker.DockerProvider;
import io.faultline.provision.docker.RunNetworks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Starts one run in this process: creates its directory, writes the effective config (secrets redacted),
 * brings up the Vert.x the control runs on and the control verticle with the provider the config names,
 * waits for the outcome and closes everything. The seed is the config's, or a fresh one that the results
 * record for replay.
 *
 * <p>{@code local}: one plain Vert.x, agents deployed beside the control. {@code docker}: the run's
 * networks first, because the control's clustered Vert.x binds to the control network's gateway; a fresh
 * CA issues the control and every node a certificate, so only the run's members can use its event bus.
 */
public final class RunLauncher {
    /** The providers this build starts, each with the databases it runs; configs may name only these. */
    public static final Map<String, List<String>> PROVIDERS = new LinkedHashMap<>();

    static {
        PROVIDERS.put("local", List.of(DbConfig.SIM));
        PROVIDERS.put("docker", List.of("etcd"));
    }

    private final LoadedConfig loaded;
    private final Path store;
    private Vertx agentsVertx;
    private UnaryOperator<NodeRuntime> decorate = UnaryOperator.identity();
    private final List<Checker> extraCheckers = new ArrayList<>();

    public RunLauncher(LoadedConfig loaded, Path store) {
        this.loaded = loaded;
        this.store = store;
    }

    /** Runs the agents on another Vert.x instance (e.g. a clustered one) instead of the control's. */
    public RunLauncher withAgentsOn(Vertx vertx) {
        this.agentsVertx = vertx;
        return this;
    }

    /** Wraps each local node's runtime: a seam for tests of failure paths. */
    public RunLauncher withNodeRuntimes(UnaryOperator<NodeRuntime> decorate) {
        this.decorate = decorate;
        return this;
    }

    /** Checks the history with this checker too, beside the config's: a seam for tests of failure paths. */
    public RunLauncher withChecker(Checker checker) {
        extraCheckers.add(checker);
        return this;
    }

    /** @throws ConfigProblem for a config this build cannot run, before anything is created */
    public RunOutcome run() throws Exception {
        TestConfig config = loaded.config();
        try {
            Honoured.check(config, new ControlVocabulary());
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
        return switch (config.cluster().provider()) {
            case "local" -> run(Vertx.vertx(), true);
            case "docker" -> runOnDocker();
            default -> throw new IllegalStateException("config validation lets through only " + PROVIDERS.keySet());
        };
    }

    /** A local run on the given Vert.x; closes it afterwards only if {@code owned}. */
    public RunOutcome run(Vertx vertx, boolean owned) throws Exception {
        Checker checker = RunCheckers.forConfig(loaded.config(), extraCheckers);
        RunDirectory dir = newRunDirectory();
        Provider provider = new LocalProvider(agentsVertx != null ? agentsVertx : vertx, decorate);
        try {
            return control(vertx, dir, provider, checker);
        } finally {
            if (owned) await(vertx.close());
        }
    }

    private RunOutcome runOnDocker() throws Exception {
        Checker checker = RunCheckers.forConfig(loaded.config(), extraCheckers);
        RunDirectory dir = newRunDirectory();
        String runId = dir.id();
        int controlPort = freePort();
        RunCertificates certificates = RunCertificates.create(dir.path().resolve("tls"), runId);
        DockerProvider provider = new DockerProvider(agentJar(), node -> dir.path().resolve("tls").resolve(node),
                DockerProvider.AGENT_HAZELCAST_PORT, host -> List.of(host + ":" + controlPort));
        Vertx vertx = null;
        try {
            RunNetworks networks = provider.prepareNetworks(runId);
            List<String> nodes = loaded.config().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                certificates.issue(nodes.get(i), List.of(networks.controlAddress(i), networks.dataAddress(i)));
            }
            RunCertificates.Member control = certificates.issue("control", List.of(networks.controlHost()));
            List<String> members = new ArrayList<>();
            members.add(networks.controlHost() + ":" + controlPort);
            vertx = await(ClusteredVertx.start(new ClusteredVertx.Settings("faultline-" + runId, networks.controlHost(),
                    controlPort, members, 0, control.tls())));
            return control(vertx, dir, provider, checker);
        } finally {
            // The control's teardown removes the nodes; this also covers a run that never got that far.
            try {
                await(provider.stop());
                if (vertx != null) closeClustered(vertx);
            } finally {
                // The run directory may be shared; only the certificates stay, and they open nothing.
                certificates.deletePrivateKeys();
            }
        }
    }

    /**
     * Leaving the cluster after the nodes are gone makes Hazelcast wait for members it has not yet
     * noticed leaving; the run is over and on disk, so the wait is bounded.
     */
    private static void closeClustered(Vertx vertx) throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(RunLauncher.class).debug("the control's cluster member is still closing; not waiting");
        }
    }

    private RunDirectory newRunDirectory() throws IOException {
        RunDirectory dir = RunDirectory.create(store, loaded.config().name(), Instant.now());
        Files.writeString(dir.testConfig(), loaded.effectiveYaml(), StandardCharsets.UTF_8);
        return dir;
    }

    private RunOutcome control(Vertx vertx, RunDirectory dir, Provider provider, Checker checker) throws Exception {
        TestConfig config = loaded.config();
        long seed = config.seed() != null ? config.seed() : ThreadLocalRandom.current().nextLong(1L << 48);
        try (RunLog ignored = RunLog.attach(dir.controlLog())) {
            Promise<RunOutcome> outcome = Promise.promise();
            vertx.deployVerticle(new ControlVerticle(config, dir, provider, checker, seed, outcome)).onFailure(outcome::tryFail);
            Duration deadline = deadline(config);
            try {
                return outcome.future().toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the control did not conclude the run within " + deadline.toSeconds()
                        + " s, though every phase has a time limit; see " + dir.controlLog());
            }
        }
    }

    /**
     * How long a run may take at most: every phase has its own limit, so waiting longer means the control
     * itself is stuck, which is an internal error rather than a verdict.
     */
    private static Duration deadline(TestConfig config) {
        Duration ready = config.db().ready() == null ? Duration.ZERO : config.db().ready().timeout();
        return config.timeLimit().plus(ready).plus(RunCheckers.checkTimeLimit(config).multipliedBy(2)).plus(Duration.ofMinutes(20));
    }

    /**
     * The agent jar node containers mount: {@code -Dfaultline.agent.jar}, else the build's
     * {@code agent/target/faultline-agent.jar} from the working directory or the one above it.
     */
    static Path agentJar() {
        String configured = System.getProperty("faultline.agent.jar");
        if (configured != null) return Path.of(configured).toAbsolutePath();
        for (Path base : new Path[] {Path.of(""), Path.of("..")}) {
            Path jar = base.resolve("agent/target/faultline-agent.jar").toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) return jar;
        }
        throw new ConfigProblem("the docker provider needs the agent jar: build it with 'mvn -DskipTests package'"
                + " (agent/target/faultline-agent.jar) or pass -Dfaultline.agent.jar=PATH");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    }
}
