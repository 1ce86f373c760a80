package io.faultline.agent.node;

import io.faultline.agent.archive.ArchiveInstaller;
import io.faultline.agent.archive.ArchiveInstallerTest;
import io.faultline.config.ArchiveConfig;
import io.faultline.agent.node.Shell.Result;
import io.faultline.config.DbConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.faultline.agent.node.LinuxFaultsTest.await;
import static io.faultline.agent.node.LinuxFaultsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdDbTest {
    private static final Map<String, String> DATA = new LinkedHashMap<>();

    static {
        DATA.put("n1", "10.214.5.11");
        DATA.put("n2", "10.214.5.12");
        DATA.put("n3", "10.214.5.13");
    }

    private static Vertx vertx;
    @TempDir
    Path dir;
    private final RecordingShell shell = new RecordingShell();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @Test
    void setupStartsANewClusterOnTheDataAddressAndLoopback() {
        assertThat(etcd(config(null)).command(false)).containsExactly("etcd",
                "--name", "n2",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "http://10.214.5.12:2379,http://127.0.0.1:2379",
                "--advertise-client-urls", "http://10.214.5.12:2379",
                "--listen-peer-urls", "http://10.214.5.12:2380",
                "--initial-advertise-peer-urls", "http://10.214.5.12:2380",
                "--initial-cluster", "n1=http://10.214.5.11:2380,n2=http://10.214.5.12:2380,n3=http://10.214.5.13:2380",
                "--initial-cluster-state", "new",
                "--initial-cluster-token", "faultline-run-7",
                "--logger", "zap",
                "--log-outputs", "stderr");
    }

    @Test
    void aRestartRejoinsTheExistingClusterWithTheSameFlagsOtherwise() {
        EtcdDb etcd = etcd(config(null));
        List<String> setup = etcd.command(false);
        List<String> restart = etcd.command(true);
        int state = setup.indexOf("--initial-cluster-state") + 1;
        assertThat(restart.get(state)).isEqualTo("existing");
        assertThat(restart).hasSameSizeAs(setup);
        for (int i = 0; i < setup.size(); i++) {
            if (i != state) assertThat(restart.get(i)).isEqualTo(setup.get(i));
        }
    }

    @Test
    void etcdRunsUnderLibfaketimeReadingTheOffsetFileOnEveryCall() {
        assertThat(etcd(config(null)).environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                "FAKETIME_TIMESTAMP_FILE", dir.resolve("faketime").toString(),
                "FAKETIME_NO_CACHE", "1",
                "FAKETIME_DONT_RESET", "1"));
    }

    @Test
    void aVersionOtherThanTheImagesFailsSetupBeforeAnythingStarts() {
        shell.answer(argv -> argv.equals(List.of("etcd", "--version"))
                ? new Result(argv, 0, "etcd Version: 3.4.23\nGit SHA: Not provided\n", "") : null);
        assertThat(failure(etcd(config("3.5.0")).setup()))
                .contains("db.version is 3.5.0 but this node image has etcd 3.4.23");
        assertThat(dir.resolve("etcd.log")).doesNotExist();
    }

    @Test
    void lifecycleCallsBeforeSetupDoNothing() {
        EtcdDb etcd = etcd(config(null));
        await(etcd.start());
        await(etcd.kill());
        await(etcd.pause());
        await(etcd.resume());
        assertThat(shell.commands()).isEmpty();
        assertThat(dir.resolve("etcd.log")).as("nothing was started").doesNotExist();
    }

    @Test
    void teardownRemovesTheDataDir() throws Exception {
        Files.createDirectories(dir.resolve("data/member/wal"));
        Files.writeString(dir.resolve("data/member/wal/0.wal"), "x");
        await(etcd(config(null)).teardown());
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void theLogFileIsWhatGetsCollected() {
        assertThat(etcd(config(null)).logFiles()).containsExactly(dir.resolve("etcd.log"));
    }

    @Test
    void aNodeWithoutADataAddressIsRefused() {
        assertThatThrownBy(() -> new EtcdDb(vertx, shell, "run-7", "n9", DATA, config(null)))
                .hasMessageContaining("no data address for n9");
    }

    @Test
    void theConfigsLogsAreCollectedBesideEtcdsOwn() {
        DbConfig withLogs = new DbConfig("etcd", null, null, null, null, List.of("/var/log/extra.log"), List.of());

        assertThat(etcd(withLogs).logFiles()).containsExactly(dir.resolve("etcd.log"), Path.of("/var/log/extra.log"));
    }

    @Test
    void anArchiveLaidOutLikeEtcdsReleasesProvidesTheEtcdThatRuns() throws Exception {
        Path tarball = Files.write(dir.resolve("etcd-v3.4.30-linux-amd64.tar.gz"), ArchiveInstallerTest.tarGz(Map.of(
                "etcd-v3.4.30-linux-amd64/etcd", "#!/bin/sh\n", "etcd-v3.4.30-linux-amd64/etcdctl", "#!/bin/sh\n")));
        EtcdDb etcd = etcd(withArchive(tarball));

        etcd.installArchive(null);

        assertThat(etcd.command(false).get(0)).isEqualTo(dir.resolve("install/etcd").toString());
        assertThat(dir.resolve("install/etcdctl")).exists();
    }

    @Test
    void anArchiveWithoutEtcdAtItsTopIsRefusedSayingHowToLayItOut() throws Exception {
        Path tarball = Files.write(dir.resolve("sut.tgz"), ArchiveInstallerTest.tarGz(Map.of("sut-1.0/bin/sut", "x")));

        assertThatThrownBy(() -> etcd(withArchive(tarball)).installArchive(null))
                .hasMessage("db.archive: the archive holds no executable etcd at its top (one top-level folder is stripped);"
                        + " lay it out like etcd's release tarballs, etcd-v3.4.30-linux-amd64/etcd");
    }

    @Test
    void theVersionIsCheckedAgainstTheArchivesEtcd() throws Exception {
        Path tarball = Files.write(dir.resolve("etcd.tgz"), ArchiveInstallerTest.tarGz(Map.of("etcd-v3.4.23/etcd", "#!/bin/sh\n")));
        String binary = dir.resolve("install/etcd").toString();
        shell.answer(argv -> argv.equals(List.of(binary, "--version"))
                ? new Result(argv, 0, "etcd Version: 3.4.23\n", "") : null);
        DbConfig config = new DbConfig("etcd", "3.5.0", new ArchiveConfig(tarball.toUri().toString(), null, null, null),
                null, null, List.of(), List.of());

        assertThat(failure(etcd(config).setup())).contains("db.version is 3.5.0 but the etcd in db.archive is 3.4.23");
    }

    private static DbConfig withArchive(Path tarball) {
        return new DbConfig("etcd", null, new ArchiveConfig(tarball.toUri().toString(), null, null, null), null, null,
                List.of(), List.of());
    }

    private EtcdDb etcd(DbConfig config) {
        return new EtcdDb(vertx, shell, "run-7", "n2", DATA, config,
                dir.resolve("data"), dir.resolve("etcd.log"), dir.resolve("faketime"), dir.resolve("install"),
                new ArchiveInstaller(dir.resolve("cache")));
    }

    private static DbConfig config(String version) {
        return new DbConfig("etcd", version, null, null, null, List.of(), List.of());
    }
}
