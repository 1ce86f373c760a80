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
import io.faultline.config.ClusterConfig;
import io.faultline.config.ConfigException;
import io.faultline.config.DbConfig;
import io.faultline.config.Honoured;
import io.faultline.config.LoadedConfig;
import io.faultline.config.TestConfig;
import io.faultline.provision.LocalProvider;
import io.faultline.provision.Provider;
import io.faultline.provision.docker.DockerProvider;
import io.faultline.provision.docker.RunNetworks;
import io.faultline.report.JUnitXml;
import io.faultline.report.StepSummary;
import io.faultline.run.Results;
import io.faultline.provision.external.ExternalProvider;
import io.faultline.provision.external.JoinSecrets;
import org.bouncycastle.util.IPAddress;
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
 * {@code external}: the same CA, but it signs the keys the agents make themselves when they join.
 */
public final class RunLauncher {
    /** The providers this build starts, each with the databases it runs; configs may name only these. */
    public static final Map<String, List<String>> PROVIDERS = new LinkedHashMap<>();

    static {
        PROVIDERS.put("local", List.of(DbConfig.SIM));
        PROVIDERS.put("docker", List.of("etcd", DbConfig.PATRONI));
        PROVIDERS.put(ClusterConfig.EXTERNAL, List.of("etcd"));
    }

    private final LoadedConfig loaded;
    private final Path store;
    private Vertx agentsVertx;
    private UnaryOperator<NodeRuntime> decorate = UnaryOperator.identity();
    private final List<Checker> extraCheckers = new ArrayList<>();
    private Map<String, String> env = System.getenv();
    private RunObserver observer = RunObserver.NONE;

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

    /** Tells {@code observer} of the run's phases, ops, nemesis actions and outcome (the live view, live checking). */
    public RunLauncher withObserver(RunObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Checks the history with this checker too, beside the config's: a seam for tests of failure paths. */
    public RunLauncher withChecker(Checker checker) {
        extraCheckers.add(checker);
        return this;
    }

    /** Reads CI's variables ({@value StepSummary#VARIABLE}) from this map instead of the process environment. */
    public RunLauncher withEnvironment(Map<String, String> env) {
        this.env = env;
        return this;
    }

    /** @throws ConfigProblem for a config this build cannot run, before anything is created */
    public RunOutcome run() throws Exception {
        TestConfig config = loaded.config();
        honoured(config);
        return switch (config.cluster().provider()) {
            case "local" -> run(Vertx.vertx(), true);
            case "docker" -> runOnDocker(false);
            case ClusterConfig.EXTERNAL -> runExternal();
            default -> throw new IllegalStateException("config validation lets through only " + PROVIDERS.keySet());
        };
    }

    /**
     * {@code faultline up}: provisions and sets up the cluster (nodes, agents, services, database) and leaves it
     * running; the outcome is valid when it is up. Docker only: a local cluster would end with this process.
     *
     * @throws ConfigProblem for a config this build cannot run, or one whose provider is not docker
     */
    public RunOutcome up() throws Exception {
        TestConfig config = loaded.config();
        honoured(config);
        if (!config.cluster().provider().equals("docker")) {
            throw new ConfigProblem("cluster.provider: up leaves the cluster running after this process ends, which only provider"
                    + " docker can do; cluster.provider is " + config.cluster().provider() + ", so use run");
        }
        return runOnDocker(true);
    }

    private static void honoured(TestConfig config) {
        try {
            Honoured.check(config, new ControlVocabulary());
        } catch (ConfigException e) {
            throw new ConfigProblem(e.getMessage());
        }
    }

    /** A local run on the given Vert.x; closes it afterwards only if {@code owned}. */
    public RunOutcome run(Vertx vertx, boolean owned) throws Exception {
        Checker checker = RunCheckers.forConfig(loaded.config(), extraCheckers);
        RunDirectory dir = newRunDirectory();
        Provider provider = new LocalProvider(agentsVertx != null ? agentsVertx : vertx, decorate);
        try {
            return control(vertx, dir, provider, checker, false);
        } finally {
            if (owned) await(vertx.close());
        }
    }

    private RunOutcome runOnDocker(boolean setUpOnly) throws Exception {
        Checker checker = RunCheckers.forConfig(loaded.config(), extraCheckers);
        RunDirectory dir = newRunDirectory();
        String runId = dir.id();
        int controlPort = freePort();
        RunCertificates certificates = RunCertificates.create(dir.path().resolve("tls"), runId);
        DockerProvider provider = new DockerProvider(agentJar(), node -> dir.path().resolve("tls").resolve(node),
                DockerProvider.AGENT_HAZELCAST_PORT, host -> List.of(host + ":" + controlPort))
                .withServiceDirs(dir::serviceDir);
        Vertx vertx = null;
        try {
            RunNetworks networks = provider.prepareNetworks(runId, setUpOnly);
            List<String> nodes = loaded.config().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                certificates.issue(nodes.get(i), List.of(networks.controlAddress(i), networks.dataAddress(i)));
            }
            RunCertificates.Member control = certificates.issue("control", List.of(networks.controlHost()));
            List<String> members = new ArrayList<>();
            members.add(networks.controlHost() + ":" + controlPort);
            vertx = await(ClusteredVertx.start(new ClusteredVertx.Settings("faultline-" + runId, networks.controlHost(),
                    controlPort, members, 0, control.tls())));
            RunOutcome outcome = control(vertx, dir, provider, checker, setUpOnly);
            if (setUpOnly && outcome.verdict() == io.faultline.checker.Verdict.VALID) provider.keepRunning();
            return outcome;
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
     * Agents started elsewhere join this run: the control listens at {@code cluster.join.bind} (join endpoint,
     * Hazelcast, event bus on three consecutive ports), mints a token for the run and prints it (on the console only:
     * the run directory may be shared), and signs each agent's own key with the run's CA when it joins.
     */
    private RunOutcome runExternal() throws Exception {
        ClusterConfig.Join join = loaded.config().cluster().join();
        if (!join.bind().host().equals(ClusteredVertx.Bind.ANY) && !IPAddress.isValid(join.bind().host())) {
            throw new ConfigProblem("cluster.join.bind: '" + join.bind().host() + "' is not an address of this machine; use one of"
                    + " its IP addresses, or 0.0.0.0 for all");
        }
        Checker checker = RunCheckers.forConfig(loaded.config(), extraCheckers);
        RunDirectory dir = newRunDirectory();
        String runId = dir.id();
        JoinSecrets secrets = JoinSecrets.open(store);
        String runToken = secrets.mint(join.timeout().plus(Duration.ofMinutes(5))).toString();
        System.out.println("run " + runId + ": agents join with --join " + join.advertise() + " --token " + runToken);
        RunCertificates certificates = RunCertificates.create(dir.path().resolve("tls"), runId);
        ClusterConfig.Address advertise = join.advertise();
        Vertx vertx = null;
        ExternalProvider provider = null;
        try {
            RunCertificates.Member control = certificates.issue("control",
                    IPAddress.isValid(advertise.host()) ? List.of(advertise.host()) : List.of());
            ClusterConfig.Address hazelcast = advertise.plus(ClusterConfig.Join.HAZELCAST_OFFSET);
            vertx = await(ClusteredVertx.start(new ClusteredVertx.Settings("faultline-" + runId, advertise.host(), hazelcast.port(),
                    List.of(hazelcast.toString()), advertise.port() + ClusterConfig.Join.EVENT_BUS_OFFSET, control.tls(),
                    new ClusteredVertx.Bind(join.bind().host(), join.bind().port() + ClusterConfig.Join.HAZELCAST_OFFSET,
                            join.bind().port() + ClusterConfig.Join.EVENT_BUS_OFFSET))));
            provider = new ExternalProvider(vertx, secrets, certificates, join, runToken);
            return control(vertx, dir, provider, checker, false);
        } finally {
            try {
                if (provider != null) await(provider.stop());
                if (vertx != null) closeClustered(vertx);
            } finally {
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

    private RunOutcome control(Vertx vertx, RunDirectory dir, Provider provider, Checker checker, boolean setUpOnly)
            throws Exception {
        TestConfig config = loaded.config();
        long seed = config.seed() != null ? config.seed() : ThreadLocalRandom.current().nextLong(1L << 48);
        try (RunLog ignored = RunLog.attach(dir.controlLog())) {
            // Where each plugin came from, so a jar that plugins/ added to the run is never a silent change.
            for (String note : loaded.notes()) org.slf4j.LoggerFactory.getLogger(RunLauncher.class).info("{}", note);
            Promise<RunOutcome> outcome = Promise.promise();
            ControlVerticle control = new ControlVerticle(config, dir, provider, checker, seed, outcome, observer);
            vertx.deployVerticle(setUpOnly ? control.settingUpOnly() : control).onFailure(outcome::tryFail);
            Duration deadline = deadline(config);
            try {
                RunOutcome concluded = outcome.future().toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                report(dir);
                return concluded;
            } catch (TimeoutException e) {
                throw new IllegalStateException("the control did not conclude the run within " + deadline.toSeconds()
                        + " s, though every phase has a time limit; see " + dir.controlLog());
            }
        }
    }

    /** What CI reads beside the exit code: {@code junit.xml}, and on GitHub Actions the job's summary. */
    private void report(RunDirectory dir) throws IOException {
        Results results = Results.read(dir.results());
        JUnitXml.ofRun(results).write(dir.junitXml());
        StepSummary.appendIfAsked(env, results, dir.path());
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
