package io.faultline.agent.node;

import io.faultline.agent.Db;
import io.faultline.agent.archive.ArchiveException;
import io.faultline.agent.archive.ArchiveInstaller;
import io.faultline.config.ArchiveConfig;
import io.faultline.config.DbConfig;
import io.faultline.config.ReadyConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * etcd, the built-in system under test of node containers (the image's Debian etcd-server). It runs as a
 * child of the agent with its client and peer ports on the data network — where partitions act — and the
 * client port on loopback too, for readiness checks that no partition can block.
 *
 * <p>With {@code db.archive} the binary comes from the archive instead, laid out like etcd's release tarballs
 * ({@code etcd-v3.4.30-linux-amd64/etcd}): it is installed into {@link #DEFAULT_INSTALL_DIR} at setup, and that
 * {@code etcd} is the one that runs.
 *
 * <p>It runs under libfaketime like any system under test, but etcd is a Go program: Go reads the clock
 * through the vDSO, not libc, so the offset does not reach it (tried in the node image: etcd's log
 * timestamps stay real under a one-hour offset while {@code date} with the same environment jumps).
 */
public final class EtcdDb implements Db {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdDb.class);
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/faultline/etcd");
    public static final Path DEFAULT_LOG_FILE = Path.of("/var/log/faultline/etcd.log");
    public static final Path DEFAULT_INSTALL_DIR = Path.of("/opt/faultline/etcd");
    /** The image's own etcd, on the PATH; an archive replaces it. */
    private static final String PACKAGED = "etcd";
    static final int CLIENT_PORT = 2379;
    static final int PEER_PORT = 2380;
    private static final long POLL_MS = 200;
    private static final long CHECK_TIMEOUT_MS = 1_000;
    private static final int LOG_TAIL_LINES = 20;

    private final Vertx vertx;
    private final Shell shell;
    private final String runId;
    private final String node;
    private final Map<String, String> dataAddresses;
    private final DbConfig config;
    private final Path dataDir;
    private final Path logFile;
    private final Faketime faketime;
    private final Path installDir;
    private final ArchiveInstaller installer;
    private volatile String binary = PACKAGED;
    private volatile Process process;
    /** Between setup and teardown: only then may healing a kill start etcd again. */
    private boolean installed;
    private final HttpClient http;
    private final NetClient tcp;

    public EtcdDb(Vertx vertx, Shell shell, String runId, String node, Map<String, String> dataAddresses, DbConfig config) {
        this(vertx, shell, runId, node, dataAddresses, config, DEFAULT_DATA_DIR, DEFAULT_LOG_FILE, Faketime.DEFAULT_OFFSET_FILE,
                DEFAULT_INSTALL_DIR, new ArchiveInstaller(ArchiveInstaller.DEFAULT_CACHE_DIR));
    }

    /**
     * @param runId         makes the cluster token, so that members of different runs never join each other
     * @param dataAddresses every node's data-network address, this node's included, in a stable order
     * @param config        the test's db section; {@code version}, when set, must match the image's etcd
     * @param faketimeFile  the clock offset file that {@link LinuxFaults} writes
     * @param installDir    where {@code db.archive} is extracted
     */
    public EtcdDb(Vertx vertx, Shell shell, String runId, String node, Map<String, String> dataAddresses, DbConfig config,
                  Path dataDir, Path logFile, Path faketimeFile, Path installDir, ArchiveInstaller installer) {
        if (!dataAddresses.containsKey(node)) {
            throw new IllegalArgumentException("no data address for " + node + " among " + dataAddresses.keySet());
        }
        this.vertx = vertx;
        this.shell = shell;
        this.runId = runId;
        this.node = node;
        this.dataAddresses = new LinkedHashMap<>(dataAddresses);
        this.config = config;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.faketime = new Faketime(faketimeFile);
        this.installDir = installDir;
        this.installer = installer;
        this.http = vertx.createHttpClient();
        this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) CHECK_TIMEOUT_MS));
    }

    @Override
    public Future<Void> setup() {
        return setup(null);
    }

    /**
     * Installs the archive, if any, then starts a fresh member (data of any earlier run removed) and waits until the
     * cluster has a quorum.
     */
    @Override
    public Future<Void> setup(ArchiveConfig.Credentials credentials) {
        return vertx.<Void>executeBlocking(() -> {
            installArchive(credentials);
            checkVersion();
            synchronized (this) {
                stopProcess();
                deleteDataDir();
                faketime.set(0);
                launch(false);
                installed = true;
            }
            return null;
        }).compose(v -> awaitReady("healthy", this::healthy))
                .onSuccess(v -> LOG.info("etcd on {} is up and healthy", node));
    }

    @Override
    public Future<Void> teardown() {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                installed = false;
                stopProcess();
                deleteDataDir();
            }
            LOG.info("etcd on {} torn down, data removed", node);
            return null;
        });
    }

    @Override
    public Future<Void> kill() {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (!running()) return null;
                long pid = process.pid();
                stopProcess();
                LOG.info("etcd on {} killed (SIGKILL, pid {})", node, pid);
            }
            return null;
        });
    }

    /**
     * Starts etcd again on its data after a kill. A member that comes back in a minority cannot become
     * healthy, so it counts as started once its client port accepts connections.
     */
    @Override
    public Future<Void> start() {
        return vertx.<Boolean>executeBlocking(() -> {
            synchronized (this) {
                if (!installed || running()) return false;
                launch(true);
                return true;
            }
        }).compose(launched -> launched
                ? awaitReady("accepting connections", this::listening).onSuccess(v -> LOG.info("etcd on {} restarted", node))
                : Future.succeededFuture());
    }

    @Override
    public Future<Void> pause() {
        return signal("STOP", "paused");
    }

    @Override
    public Future<Void> resume() {
        return signal("CONT", "resumed");
    }

    @Override
    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>(List.of(logFile));
        config.logs().forEach(log -> files.add(Path.of(log)));
        return files;
    }

    /** The command line; {@code existing} rejoins on the data dir left by an earlier start. */
    List<String> command(boolean existing) {
        String self = dataAddresses.get(node);
        StringJoiner cluster = new StringJoiner(",");
        dataAddresses.forEach((name, address) -> cluster.add(name + "=http://" + address + ":" + PEER_PORT));
        return List.of(binary,
                "--name", node,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", "http://" + self + ":" + CLIENT_PORT + ",http://127.0.0.1:" + CLIENT_PORT,
                "--advertise-client-urls", "http://" + self + ":" + CLIENT_PORT,
                "--listen-peer-urls", "http://" + self + ":" + PEER_PORT,
                "--initial-advertise-peer-urls", "http://" + self + ":" + PEER_PORT,
                "--initial-cluster", cluster.toString(),
                "--initial-cluster-state", existing ? "existing" : "new",
                "--initial-cluster-token", "faultline-" + runId,
                // zap: etcd 3.4 warns on every start that its default logger is deprecated.
                "--logger", "zap",
                "--log-outputs", "stderr");
    }

    Map<String, String> environment() {
        return faketime.environment();
    }

    private void launch(boolean existing) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.createDirectories(dataDir.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command(existing))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment());
        process = builder.start();
        LOG.info("etcd on {} started (pid {}, cluster state {})", node, process.pid(), existing ? "existing" : "new");
    }

    private boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to etcd and anything it started; the agent itself is never in that tree. */
    private void stopProcess() throws InterruptedException {
        if (process == null) return;
        ProcessTree.kill(process, "etcd on " + node);
        process = null;
    }

    /** SIGSTOP and SIGCONT through kill(1): ProcessHandle can only terminate. Does nothing when etcd is down. */
    private Future<Void> signal(String signal, String done) {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (!running()) return null;
                ProcessTree.signal(shell, process, signal);
                LOG.info("etcd on {} {} (SIG{}, pid {})", node, done, signal, process.pid());
            }
            return null;
        });
    }

    /** Extracts {@code db.archive} into the install directory and runs its etcd from then on. */
    void installArchive(ArchiveConfig.Credentials credentials) {
        ArchiveConfig archive = config.archive();
        if (archive == null) return;
        installer.install(archive, credentials, installDir);
        Path etcd = installDir.resolve("etcd");
        if (!Files.isRegularFile(etcd) || !Files.isExecutable(etcd)) {
            throw new ArchiveException("db.archive: the archive holds no executable etcd at its top (one top-level folder is"
                    + " stripped); lay it out like etcd's release tarballs, etcd-v3.4.30-linux-amd64/etcd");
        }
        binary = etcd.toString();
    }

    private void checkVersion() {
        if (config.version() == null) return;
        String output = shell.check(List.of(binary, "--version")).stdout();
        String installedVersion = output.lines().filter(l -> l.startsWith("etcd Version:"))
                .map(l -> l.substring("etcd Version:".length()).strip()).findFirst().orElse("unknown");
        String wanted = config.version();
        if (!installedVersion.equals(wanted) && !installedVersion.startsWith(wanted + ".")) {
            throw new IllegalStateException(binary.equals(PACKAGED)
                    ? "db.version is " + wanted + " but this node image has etcd " + installedVersion
                    + "; without db.archive node containers run the image's etcd (leave db.version out or set it to "
                    + installedVersion + ")"
                    : "db.version is " + wanted + " but the etcd in db.archive is " + installedVersion
                    + "; set --version to the archive's version, or point db.archive.url at the version wanted");
        }
    }

    private void deleteDataDir() throws IOException {
        ProcessTree.deleteRecursively(dataDir);
    }

    private Future<Void> awaitReady(String what, Supplier<Future<Boolean>> check) {
        Duration timeout = config.ready() != null ? config.ready().timeout() : ReadyConfig.DEFAULT_TIMEOUT;
        Promise<Void> ready = Promise.promise();
        poll(what, check, System.nanoTime() + timeout.toNanos(), timeout, ready);
        return ready.future();
    }

    private void poll(String what, Supplier<Future<Boolean>> check, long deadline, Duration timeout, Promise<Void> ready) {
        check.get().otherwise(false).onComplete(answer -> {
            if (answer.result()) {
                ready.complete();
            } else if (!running()) {
                failWithLog(ready, "etcd on " + node + " exited" + exitCode() + " before it was " + what);
            } else if (System.nanoTime() - deadline > 0) {
                failWithLog(ready, "etcd on " + node + " was not " + what + " within " + timeout.toSeconds() + " s");
            } else {
                vertx.setTimer(POLL_MS, id -> poll(what, check, deadline, timeout, ready));
            }
        });
    }

    private String exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? "" : " with code " + p.exitValue();
    }

    private void failWithLog(Promise<Void> ready, String why) {
        vertx.executeBlocking(this::logTail).onComplete(tail -> ready.fail(why + "; last lines of " + logFile + ":\n"
                + (tail.succeeded() ? tail.result() : "(unreadable: " + tail.cause().getMessage() + ")")));
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /health} answers {"health":"true"} only while the cluster has a leader, hence a quorum. */
    private Future<Boolean> healthy() {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(CLIENT_PORT)
                .setURI("/health").setTimeout(CHECK_TIMEOUT_MS);
        return http.request(request)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode() == 200
                        && "true".equals(new JsonObject(body).getString("health"))));
    }

    private Future<Boolean> listening() {
        return tcp.connect(CLIENT_PORT, "127.0.0.1").compose(socket -> socket.close().map(true));
    }
}
