package io.faultline.agent.node;

import io.faultline.agent.Db;
import io.faultline.config.DbConfig;
import io.faultline.config.Honoured;
import io.faultline.config.ReadyConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL under Patroni (the image faultline/node-patroni: Debian's postgresql, patroni, python3-kazoo), with
 * ZooKeeper, the run's {@code zookeeper} service, as Patroni's coordination store. Patroni runs as the postgres
 * user, a child of the agent, and starts PostgreSQL detached from itself, so kill and pause act on every process of
 * that user ({@link #system()}). Its REST API
 * (8008) and PostgreSQL (5432) listen on the data network, where partitions act; readiness asks the REST API on
 * loopback, which no partition blocks. The leader key lives 8 s (Patroni's default is 30 s; Patroni wants at least
 * loop_wait + 2 × retry_timeout = 7 s), so a fault of the nemesis's usual 10 s on the primary outlasts its ZooKeeper
 * session and can end in a failover within a one-minute test.
 */
public final class PatroniDb implements Db {
    private static final Logger LOG = LoggerFactory.getLogger(PatroniDb.class);
    static final Path ROOT = Path.of("/var/lib/faultline/patroni");
    static final Path LOG_DIR = Path.of("/var/log/faultline");
    static final int REST_PORT = 8008;
    static final int PG_PORT = 5432;
    static final int ZOOKEEPER_PORT = 2181;
    /** The superuser's password; the postgres client plugin's default. */
    static final String SUPERUSER_PASSWORD = "faultline";
    private static final String USER = "postgres";
    private static final long POLL_MS = 500;
    private static final long CHECK_TIMEOUT_MS = 2_000;
    private static final int LOG_TAIL_LINES = 20;

    private final Vertx vertx;
    private final Shell shell;
    private final String runId;
    private final String node;
    private final Map<String, String> dataAddresses;
    private final String zookeeper;
    private final DbConfig config;
    private final HttpClient http;
    private final Path configFile = ROOT.resolve("patroni.yml");
    private final Path dataDir = ROOT.resolve("data");
    private final Path patroniLog = LOG_DIR.resolve("patroni.log");
    private final Path postgresLogDir = LOG_DIR.resolve("postgresql");
    private volatile Process process;
    /** Between setup and teardown: only then may healing a kill start Patroni again. */
    private boolean installed;

    /** @param zookeeper the ZooKeeper service's address on the data network */
    public PatroniDb(Vertx vertx, Shell shell, String runId, String node, Map<String, String> dataAddresses, String zookeeper,
                     DbConfig config) {
        if (!dataAddresses.containsKey(node)) {
            throw new IllegalArgumentException("no data address for " + node + " among " + dataAddresses.keySet());
        }
        if (zookeeper == null) {
            throw new IllegalArgumentException("db patroni needs the service " + Honoured.PATRONI_DCS
                    + " (ZooKeeper) beside the nodes; the run has none");
        }
        this.vertx = vertx;
        this.shell = shell;
        this.runId = runId;
        this.node = node;
        this.dataAddresses = Map.copyOf(dataAddresses);
        this.zookeeper = zookeeper;
        this.config = config;
        this.http = vertx.createHttpClient();
    }

    /** Writes a fresh patroni.yml, starts Patroni on an empty data directory, and waits for the whole cluster. */
    @Override
    public Future<Void> setup() {
        return vertx.<Void>executeBlocking(() -> {
            synchronized (this) {
                stopProcess();
                ProcessTree.deleteRecursively(ROOT);
                Files.createDirectories(ROOT);
                Files.createDirectories(postgresLogDir);
                Files.writeString(configFile, patroniYml(), StandardCharsets.UTF_8);
                shell.check(List.of("chown", "-R", USER + ":" + USER, ROOT.toString(), postgresLogDir.toString()));
                shell.check(List.of("chmod", "700", ROOT.toString()));
                launch();
                installed = true;
            }
            return null;
        }).compose(v -> awaitReady()).onSuccess(leader -> LOG.info("patroni on {} is up: cluster of {} with leader {}, every replica"
                + " streaming", node, dataAddresses.size(), leader)).mapEmpty();
    }

    @Override
    public Future<Void> teardown() {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                installed = false;
                stopProcess();
                ProcessTree.deleteRecursively(dataDir);
            }
            LOG.info("patroni on {} torn down, data removed", node);
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
                LOG.info("patroni and postgresql on {} killed (SIGKILL, patroni pid {})", node, pid);
            }
            return null;
        });
    }

    /** Patroni again on the data left: it starts PostgreSQL as a replica or leader, as ZooKeeper decides. */
    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (!installed || running()) return null;
                launch();
                LOG.info("patroni on {} restarted (pid {})", node, process.pid());
            }
            return null;
        });
    }

    @Override
    public Future<Void> pause() {
        return signal("STOP", "paused");
    }

    @Override
    public Future<Void> resume() {
        return signal("CONT", "resumed");
    }

    /** The member holding Patroni's leader key, as this node's Patroni reads it from ZooKeeper. */
    @Override
    public Future<String> primary() {
        return get("127.0.0.1", "/cluster").map(PatroniDb::leaderOf)
                .recover(e -> Future.failedFuture("patroni on " + node + " did not say who leads: " + e.getMessage()));
    }

    /** The leader in a {@code GET /cluster} answer, whatever its state, or null while there is none. */
    static String leaderOf(JsonObject cluster) {
        JsonArray members = cluster.getJsonArray("members", new JsonArray());
        for (int i = 0; i < members.size(); i++) {
            JsonObject member = members.getJsonObject(i);
            if ("leader".equals(member.getString("role"))) return member.getString("name");
        }
        return null;
    }

    @Override
    public List<Path> logFiles() {
        List<Path> files = new ArrayList<>(List.of(patroniLog, postgresLogDir.resolve("postgresql.log")));
        config.logs().forEach(log -> files.add(Path.of(log)));
        return files;
    }

    /** Patroni's configuration for this node: the cluster is the run, so runs never share ZooKeeper state. */
    String patroniYml() {
        String self = dataAddresses.get(node);
        DbConfig.Replication replication = config.replication();
        boolean sync = replication != null && replication.synchronous();
        boolean strict = replication != null && replication.strict();
        String members = dataAddresses.values().stream().sorted().map(a -> "host all all " + a + "/32 md5")
                .collect(Collectors.joining("\n    - ", "    - ", ""));
        String replicators = dataAddresses.values().stream().sorted().map(a -> "host replication replicator " + a + "/32 md5")
                .collect(Collectors.joining("\n    - ", "    - ", ""));
        // pg_hba lines sit in the text block at column 0, hence the indentation written here.
        return """
                scope: faultline-%s
                namespace: /faultline/
                name: %s
                restapi:
                  listen: 0.0.0.0:%d
                  connect_address: %s:%d
                zookeeper:
                  hosts: ['%s:%d']
                bootstrap:
                  dcs:
                    ttl: 8
                    loop_wait: 1
                    retry_timeout: 3
                    maximum_lag_on_failover: 1048576
                    synchronous_mode: %s
                    synchronous_mode_strict: %s
                    postgresql:
                      use_pg_rewind: true
                      parameters:
                        wal_level: replica
                        hot_standby: 'on'
                        wal_log_hints: 'on'
                        max_wal_senders: 10
                        max_replication_slots: 10
                  initdb:
                    - encoding: UTF8
                postgresql:
                  listen: 0.0.0.0:%d
                  connect_address: %s:%d
                  data_dir: %s
                  bin_dir: /usr/lib/postgresql/bin
                  pgpass: %s
                  pg_hba:
                    - local all all trust
                    - host all all 127.0.0.1/32 md5
                    - host replication replicator 127.0.0.1/32 md5
                %s
                %s
                  authentication:
                    superuser: {username: postgres, password: %s}
                    replication: {username: replicator, password: replicator-%s}
                    rewind: {username: rewinder, password: rewinder-%s}
                  parameters:
                    unix_socket_directories: /var/run/postgresql
                    logging_collector: 'on'
                    log_directory: %s
                    log_filename: postgresql.log
                    log_line_prefix: '%%m [%%p] %%q%%u@%%d '
                """.formatted(runId, node, REST_PORT, self, REST_PORT, zookeeper, ZOOKEEPER_PORT, sync, strict,
                PG_PORT, self, PG_PORT, dataDir, ROOT.resolve("pgpass"), members, replicators, SUPERUSER_PASSWORD, runId, runId,
                postgresLogDir);
    }

    private void launch() throws IOException {
        Files.createDirectories(LOG_DIR);
        Files.createDirectories(Path.of("/var/run/postgresql"));
        shell.check(List.of("chown", USER + ":" + USER, "/var/run/postgresql"));
        // setpriv execs Patroni in its place (su and runuser would stay between), so the agent's child is Patroni.
        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups",
                "patroni", configFile.toString())
                .directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(patroniLog.toFile()));
        // No libfaketime: under the postgres user it cannot open the semaphore root's processes made (tried in the image:
        // Patroni exits at once), so the clock fault is refused for patroni before a run.
        builder.environment().put("HOME", ROOT.toString());
        process = builder.start();
        LOG.info("patroni on {} started (pid {})", node, process.pid());
    }

    private boolean running() {
        return process != null && process.isAlive();
    }

    /** Patroni and every PostgreSQL process, wherever they hang in the process tree; see {@link #system()}. */
    private void stopProcess() throws InterruptedException {
        if (process != null) ProcessTree.kill(process, "patroni on " + node);
        process = null;
        ProcessTree.kill(system(), "postgresql on " + node);
    }

    /**
     * What kill and pause act on: every process of the postgres user. Patroni starts the postmaster detached (its
     * parent is PID 1, not Patroni), so Patroni's own tree would leave PostgreSQL running — serving as primary with
     * no Patroni to demote it.
     */
    private static List<ProcessHandle> system() {
        return ProcessTree.ownedBy(USER);
    }

    private Future<Void> signal(String signal, String done) {
        return vertx.executeBlocking(() -> {
            synchronized (this) {
                if (!running()) return null;
                ProcessTree.signal(shell, system(), signal);
                LOG.info("patroni and postgresql on {} {} (SIG{}, patroni pid {})", node, done, signal, process.pid());
            }
            return null;
        });
    }

    /** Completes with the leader's name once the cluster has one and every other member streams from it. */
    private Future<String> awaitReady() {
        Duration timeout = config.ready() != null ? config.ready().timeout() : ReadyConfig.DEFAULT_TIMEOUT;
        Promise<String> ready = Promise.promise();
        String[] lastSeen = {"no answer from Patroni's REST API yet"};
        poll(System.nanoTime() + timeout.toNanos(), timeout, ready, lastSeen);
        return ready.future();
    }

    private void poll(long deadline, Duration timeout, Promise<String> ready, String[] lastSeen) {
        clusterState().onComplete(answer -> {
            if (answer.succeeded() && answer.result().leader() != null) {
                ready.complete(answer.result().leader());
                return;
            }
            if (answer.succeeded()) lastSeen[0] = answer.result().seen();
            if (!running()) {
                failWithLog(ready, "patroni on " + node + " exited with code " + process.exitValue() + " before the cluster was ready");
            } else if (System.nanoTime() - deadline > 0) {
                failWithLog(ready, "the patroni cluster was not ready within " + timeout.toSeconds() + " s (a leader and "
                        + (dataAddresses.size() - 1) + " replicas streaming); last seen: " + lastSeen[0]);
            } else {
                vertx.setTimer(POLL_MS, id -> poll(deadline, timeout, ready, lastSeen));
            }
        });
    }

    /** What the cluster looks like: ready when it has a leader and all other members stream from it. */
    record ClusterState(String leader, String seen) {
    }

    /**
     * {@code GET /cluster} names the members and their roles; the leader's {@code GET /patroni} lists its
     * replication connections, with state {@code streaming} once a replica has caught up and follows.
     */
    private Future<ClusterState> clusterState() {
        return get("127.0.0.1", "/cluster").compose(cluster -> {
            JsonArray members = cluster.getJsonArray("members", new JsonArray());
            JsonObject leader = null;
            List<String> roles = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                JsonObject m = members.getJsonObject(i);
                roles.add(m.getString("name") + " " + m.getString("role") + "/" + m.getString("state"));
                if ("leader".equals(m.getString("role")) && "running".equals(m.getString("state"))) leader = m;
            }
            String seen = "members " + roles;
            if (leader == null || members.size() < dataAddresses.size()) return Future.succeededFuture(new ClusterState(null, seen));
            String leaderName = leader.getString("name");
            String leaderHost = dataAddresses.get(leaderName);
            if (leaderHost == null) return Future.succeededFuture(new ClusterState(null, seen + "; leader " + leaderName + " is no node"));
            return get(leaderHost, "/patroni").map(status -> {
                JsonArray replication = status.getJsonArray("replication", new JsonArray());
                long streaming = replication.stream().filter(r -> r instanceof JsonObject o && "streaming".equals(o.getString("state")))
                        .count();
                String withStreams = seen + "; " + streaming + " replicas streaming from " + leaderName;
                return new ClusterState(streaming >= dataAddresses.size() - 1 ? leaderName : null, withStreams);
            });
        });
    }

    private Future<JsonObject> get(String host, String path) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(REST_PORT)
                .setURI(path).setTimeout(CHECK_TIMEOUT_MS);
        return http.request(request).compose(req -> req.send()).compose(resp -> resp.body().map(body -> {
            if (resp.statusCode() != 200 && resp.statusCode() != 503) {
                throw new IllegalStateException("GET " + path + " answered " + resp.statusCode());
            }
            return new JsonObject(body);
        }));
    }

    private void failWithLog(Promise<String> ready, String why) {
        vertx.executeBlocking(this::logTail).onComplete(tail -> ready.fail(why + "; last lines of " + patroniLog + ":\n"
                + (tail.succeeded() ? tail.result() : "(unreadable: " + tail.cause().getMessage() + ")")));
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(patroniLog, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
