package io.faultline.control;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.faultline.checker.Verdict;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.provision.docker.Labels;
import io.faultline.run.Results;
import io.faultline.run.RunOutcome;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The etcd example installed from a private archive: a basic-auth HTTP server on the host serves an etcd release-style
 * tarball made from the node image's own etcd binary; the nodes download it, run that binary, and the run ends valid
 * with the password nowhere in what it wrote nor in the containers' environment. A second run installs from the cache.
 */
class DockerArchiveRunTest {
    private static final String VERSION = "3.4.23";
    private static final String USER = "ci-builder-7f3";
    private static final String PASSWORD = "pw-9Xq2-archive-secret";
    private static final Map<String, String> ENV = Map.of("ARCHIVE_USER", USER, "ARCHIVE_PASSWORD", PASSWORD);

    private static HttpServer server;
    private static final AtomicInteger downloads = new AtomicInteger();
    private static String url;
    private static String sha256;

    @TempDir
    Path store;

    @BeforeAll
    static void serveTheArchive() throws Exception {
        Docker.assumeAvailable();
        InetAddress bridge = bridgeGateway();
        assumeTrue(bridge != null, "needs the docker0 bridge, the host's address as containers see it");
        byte[] archive = etcdReleaseTarball();
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        server = HttpServer.create(new InetSocketAddress(bridge, 0), 0);
        HttpContext context = server.createContext("/repo/etcd-v" + VERSION + "-linux-amd64.tar.gz", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        context.setAuthenticator(new BasicAuthenticator("repo") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals(USER) && password.equals(PASSWORD);
            }
        });
        server.start();
        url = "http://" + bridge.getHostAddress() + ":" + server.getAddress().getPort() + "/repo/etcd-v${version}-linux-amd64.tar.gz";
        // Start from an empty cache: the first run must download.
        Docker.run("volume", "rm", "-f", Labels.ARCHIVE_CACHE_VOLUME);
    }

    @AfterAll
    static void stopServing() {
        if (server != null) server.stop(0);
    }

    private LoadedConfig example(String timeLimit) throws Exception {
        return ConfigLoader.load(Path.of("../docker/examples/etcd-register.yaml"), List.of(
                new ConfigLoader.Override("nodes", "3"),
                new ConfigLoader.Override("time-limit", timeLimit),
                new ConfigLoader.Override("db.version", VERSION),
                new ConfigLoader.Override("db.archive", "{url: '" + url + "', username: '${env:ARCHIVE_USER}',"
                        + " password: '${env:ARCHIVE_PASSWORD}', sha256: " + sha256 + "}")), ENV);
    }

    @Test
    void theEtcdExampleRunsTheArchivesEtcdAndEndsValidWithTheCredentialsNowhere() throws Exception {
        LoadedConfig config = example("15s");
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new RunLauncher(config, store).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String runId = awaitRunId(store.resolve("etcd-register"));
        List<String> containers = awaitEtcdRunning(runId);
        for (String container : containers) {
            assertThat(Docker.run("inspect", "-f", "{{json .Config.Env}}", container).out())
                    .as("the environment docker inspect shows").contains("FAULTLINE_AGENT").doesNotContain(PASSWORD).doesNotContain(USER);
            String pid = Docker.exec(container, "pgrep", "-o", "-x", "etcd").out();
            assertThat(Docker.exec(container, "readlink", "/proc/" + pid + "/exe").out())
                    .as("the etcd that runs").isEqualTo("/opt/faultline/etcd/etcd");
        }
        RunOutcome outcome = run.get(5, TimeUnit.MINUTES);
        Results results = Results.read(outcome.dir().results());
        assertThat(outcome.verdict()).as(Results.toJson(results)).isEqualTo(Verdict.VALID);
        assertThat(downloads.get()).as("each node downloads once into the empty cache").isBetween(1, 3);
        assertNoCredentialsIn(outcome.dir().path());

        int before = downloads.get();
        RunOutcome rerun = new RunLauncher(example("3s"), store).run();
        assertThat(rerun.verdict()).isNotEqualTo(Verdict.INVALID);
        assertThat(rerun.summary()).doesNotContain("db.archive");
        assertThat(downloads.get()).as("a rerun installs from the node cache").isEqualTo(before);
        assertNoCredentialsIn(rerun.dir().path());
    }

    private static void assertNoCredentialsIn(Path runDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> runDir.relativize(f).toString())
                .contains("test.yaml", "history.jsonl", "results.json", "junit.xml", "control.log");
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(text).as("%s", runDir.relativize(file)).doesNotContain(PASSWORD).doesNotContain(USER);
        }
    }

    private static String awaitRunId(Path testDir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Path latest = testDir.resolve("latest");
            if (Files.isRegularFile(latest.resolve("history.jsonl"))) {
                Path dir = latest.toRealPath();
                return dir.getParent().getFileName() + "-" + dir.getFileName();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the run never created its directory under " + testDir + " within 90 s");
    }

    /** The run's containers once etcd runs in each, which is after the archive was installed. */
    private static List<String> awaitEtcdRunning(String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ids = new ArrayList<>();
            for (String id : Docker.run("ps", "-q", "--filter", "label=" + Labels.RUN + "=" + runId).out().split("\\s+")) {
                if (!id.isBlank()) ids.add(id);
            }
            if (ids.size() == 3 && ids.stream().allMatch(DockerArchiveRunTest::runsEtcd)) return ids;
            Thread.sleep(500);
        }
        throw new AssertionError("etcd never ran on the 3 nodes of " + runId + " within 150 s");
    }

    private static boolean runsEtcd(String container) {
        try {
            return Docker.exec(container, "pgrep", "-x", "etcd").exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static InetAddress bridgeGateway() throws IOException {
        NetworkInterface docker0 = NetworkInterface.getByName("docker0");
        if (docker0 == null) return null;
        return docker0.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst().orElse(null);
    }

    /** {@code etcd-v3.4.23-linux-amd64/etcd}, the node image's own binary, as etcd's releases lay it out. */
    private static byte[] etcdReleaseTarball() throws Exception {
        Process cat = new ProcessBuilder("docker", "run", "--rm", "faultline/node", "cat", "/usr/bin/etcd").start();
        byte[] etcd;
        try (InputStream in = cat.getInputStream()) {
            etcd = in.readAllBytes();
        }
        assertThat(cat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(etcd.length).as("the node image's etcd").isGreaterThan(1_000_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            TarArchiveEntry dir = new TarArchiveEntry("etcd-v" + VERSION + "-linux-amd64/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry("etcd-v" + VERSION + "-linux-amd64/etcd");
            entry.setSize(etcd.length);
            entry.setMode(0100755);
            tar.putArchiveEntry(entry);
            tar.write(etcd);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
