package io.faultline.agent.archive;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.faultline.config.ArchiveConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** db.archive against a local HTTP server with basic auth: download, cache, checksum, extraction and every refusal. */
public class ArchiveInstallerTest {
    private static final String USER = "builder";
    private static final String PASSWORD = "pw-Zq81-never-shown";
    private static final Map<String, String> ETCD = Map.of("etcd-v3.4.30-linux-amd64/etcd", "#!/bin/sh\necho etcd\n",
            "etcd-v3.4.30-linux-amd64/README.md", "etcd\n");

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long stallMillis;
    private ArchiveInstaller installer;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpContext context = server.createContext("/repo/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (exchange.getPrincipal().getUsername().equals("reader")) {
                exchange.sendResponseHeaders(403, -1);
            } else {
                sleep(stallMillis);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        context.setAuthenticator(new BasicAuthenticator("repo") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals(USER) && password.equals(PASSWORD) || user.equals("reader") && password.equals("reader");
            }
        });
        server.start();
        installer = new ArchiveInstaller(tmp.resolve("cache"), new ArchiveDownload(Duration.ofSeconds(5), Duration.ofMillis(700)));
    }

    @AfterEach
    void stop() {
        stallMillis = 0;
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo/" + path;
    }

    private String publish(String name, byte[] archive) {
        served.put("/repo/" + name, archive);
        return url(name);
    }

    private static ArchiveConfig archive(String url, String sha256, boolean force) {
        return new ArchiveConfig(url, USER, PASSWORD, sha256, force, List.of("REPO_USER", "REPO_PASSWORD"));
    }

    private static ArchiveConfig.Credentials credentials() {
        return new ArchiveConfig.Credentials(USER, PASSWORD);
    }

    private ArchiveException refusal(ArchiveConfig archive, ArchiveConfig.Credentials credentials) {
        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> installer.install(archive, credentials, tmp.resolve("db")));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("\n");
        return e;
    }

    @Test
    void downloadsWithBasicAuthChecksTheSumAndStripsTheTopFolder() throws Exception {
        byte[] tgz = tarGz(ETCD);
        String url = publish("etcd-v3.4.30-linux-amd64.tar.gz", tgz);

        installer.install(archive(url, sha256(tgz), false), credentials(), tmp.resolve("db"));

        assertThat(tmp.resolve("db/etcd")).hasContent("#!/bin/sh\necho etcd");
        assertThat(Files.getPosixFilePermissions(tmp.resolve("db/etcd"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(tmp.resolve("db/README.md")).exists();
        assertThat(tmp.resolve("db/etcd-v3.4.30-linux-amd64")).doesNotExist();
    }

    @Test
    void aRerunInstallsFromTheCacheAndForceDownloadsAgain() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        installer.install(archive(url, null, false), credentials(), tmp.resolve("db"));
        int first = requests.get();
        Files.delete(tmp.resolve("db/etcd"));

        installer.install(archive(url, null, false), credentials(), tmp.resolve("db"));
        assertThat(requests.get()).as("no download from the cache").isEqualTo(first);
        assertThat(tmp.resolve("db/etcd")).exists();

        installer.install(archive(url, null, true), credentials(), tmp.resolve("db"));
        assertThat(requests.get()).as("force downloads again").isGreaterThan(first);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".tgz", ".tar", ".zip"})
    void everyFormatIsExtracted(String format) throws Exception {
        byte[] bytes = switch (format) {
            case ".tgz" -> tarGz(ETCD);
            case ".tar" -> tar(ETCD, Map.of());
            default -> zip(ETCD, Map.of());
        };
        installer.install(archive(publish("sut" + format, bytes), sha256(bytes), false), credentials(), tmp.resolve("db"));
        assertThat(tmp.resolve("db/etcd")).hasContent("#!/bin/sh\necho etcd");
        assertThat(Files.isExecutable(tmp.resolve("db/etcd"))).isTrue();
    }

    @Test
    void anArchiveWithSeveralTopLevelNamesIsExtractedAsItIs() throws Exception {
        byte[] tgz = tarGz(Map.of("bin/sut", "x", "conf/sut.conf", "y"));
        installer.install(archive(publish("flat.tgz", tgz), null, false), credentials(), tmp.resolve("db"));
        assertThat(tmp.resolve("db/bin/sut")).exists();
        assertThat(tmp.resolve("db/conf/sut.conf")).exists();
    }

    @Test
    void wrongCredentialsNameTheVariablesThatSupplyThem() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        ArchiveException e = refusal(archive(url, null, false), new ArchiveConfig.Credentials(USER, "wrong"));
        assertThat(e.getMessage()).startsWith("db.archive: " + url + " answered 401")
                .contains("refused the credentials").contains("REPO_USER, REPO_PASSWORD");
    }

    @Test
    void missingCredentialsSayHowToSetThem() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        assertThat(refusal(new ArchiveConfig(url, null, null, null), null).getMessage())
                .contains("401").contains("none were given").contains("db.archive.username and db.archive.password");
    }

    @Test
    void forbiddenNamesTheVariablesToo() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        assertThat(refusal(archive(url, null, false), new ArchiveConfig.Credentials("reader", "reader")).getMessage())
                .contains("answered 403").contains("not allowed to read it").contains("REPO_USER, REPO_PASSWORD");
    }

    @Test
    void aMissingArchiveSaysToCheckTheUrlAndVersion() {
        assertThat(refusal(archive(url("etcd-v9.9.9.tgz"), null, false), credentials()).getMessage())
                .contains("answered 404").contains("check db.archive.url and the version");
    }

    @Test
    void aChecksumMismatchIsRefusedAndNotCached() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        String wrong = "0".repeat(64);
        assertThat(refusal(archive(url, wrong, false), credentials()).getMessage())
                .contains("checksum mismatch").contains("db.archive.sha256 is " + wrong);
        try (var cached = Files.list(tmp.resolve("cache"))) {
            assertThat(cached).isEmpty();
        }
        assertThat(tmp.resolve("db")).doesNotExist();
    }

    @Test
    void aCorruptArchiveSaysSo() {
        byte[] junk = "<html>login page</html>".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(archive(publish("etcd.tar.gz", junk), null, false), credentials()).getMessage())
                .contains("is not a readable .tar.gz archive");
    }

    @Test
    void aServerThatStallsTimesOut() throws Exception {
        String url = publish("etcd.tgz", tarGz(ETCD));
        stallMillis = 3_000;
        assertThat(refusal(archive(url, null, false), credentials()).getMessage())
                .contains("sent nothing for 700 ms").contains("slow or stalled");
    }

    @Test
    void entriesThatWouldLandOutsideTheTargetRefuseTheWholeArchive() throws Exception {
        Map<String, String> links = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> bad : Map.of(
                "dotdot.tar", tar(Map.of("sut/ok", "x", "sut/../../evil", "x"), Map.of()),
                "absolute.tar", tar(Map.of("/tmp/evil", "x"), Map.of()),
                "symlink.tar", tar(Map.of("sut/ok", "x"), Map.of("sut/escape", "../../outside")),
                "abslink.tar", tar(Map.of("sut/ok", "x"), Map.of("sut/passwd", "/etc/passwd")),
                "ziplink.zip", zip(Map.of("sut/ok", "x"), Map.of("sut/escape", "../../../outside"))).entrySet()) {
            ArchiveException e = refusal(archive(publish(bad.getKey(), bad.getValue()), null, false), credentials());
            links.put(bad.getKey(), e.getMessage());
        }
        assertThat(links.get("dotdot.tar")).contains("'sut/../../evil' would land outside");
        assertThat(links.get("absolute.tar")).contains("'/tmp/evil' is an absolute path");
        assertThat(links.get("symlink.tar")).contains("'sut/escape' links to ../../outside, outside");
        assertThat(links.get("abslink.tar")).contains("is a link to the absolute path /etc/passwd");
        assertThat(links.get("ziplink.zip")).contains("'sut/escape' links to ../../../outside");
        assertThat(tmp.resolve("db")).doesNotExist();
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideIsKept() throws Exception {
        byte[] bytes = tar(Map.of("sut/bin/etcd-3.4", "x"), Map.of("sut/etcd", "bin/etcd-3.4"));
        installer.install(archive(publish("links.tar", bytes), null, false), credentials(), tmp.resolve("db"));
        assertThat(Files.isSymbolicLink(tmp.resolve("db/etcd"))).isTrue();
        assertThat(tmp.resolve("db/etcd")).hasContent("x");
    }

    // --- archives made here ---

    public static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(tar(files, Map.of()));
        }
        return bytes.toByteArray();
    }

    static byte[] tar(Map<String, String> files, Map<String, String> symlinks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(content.length);
                entry.setMode(file.getKey().endsWith("etcd") ? 0100755 : 0100644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, String> link : symlinks.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK, true);
                entry.setLinkName(link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, String> files, Map<String, String> symlinks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.getKey());
                entry.setUnixMode(file.getKey().endsWith("etcd") ? 0100755 : 0100644);
                zip.putArchiveEntry(entry);
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
            for (Map.Entry<String, String> link : symlinks.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(link.getKey());
                entry.setUnixMode(0120777);
                zip.putArchiveEntry(entry);
                zip.write(link.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(ArchiveDownload.sha256().digest(bytes));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
