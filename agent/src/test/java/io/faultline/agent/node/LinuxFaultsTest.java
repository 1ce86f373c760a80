package io.faultline.agent.node;

import io.faultline.agent.node.Shell.Result;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import io.faultline.fault.ProcessFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LinuxFaultsTest {
    private static final Map<String, String> DATA = new LinkedHashMap<>(Map.of(
            "n1", "172.19.0.2", "n2", "172.19.0.3", "n3", "172.19.0.4"));

    private static Vertx vertx;
    @TempDir
    Path dir;
    private RecordingShell shell;
    private LinuxFaults faults;
    private Path offsetFile;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void freshNode() {
        shell = new RecordingShell();
        offsetFile = dir.resolve("faketime");
        faults = new LinuxFaults(vertx, shell, "172.19.0.2", DATA, offsetFile);
    }

    @Test
    void partitionCreatesItsChainAndDropsOnlyTheGrudgedPeersOnTheDataInterface() {
        missingChains();
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2"))));
        assertThat(shell.lines()).containsExactly(
                "ip -o -4 addr show",
                "iptables -w -n -L FAULTLINE",
                "iptables -w -N FAULTLINE",
                "iptables -w -C INPUT -j FAULTLINE",
                "iptables -w -I INPUT -j FAULTLINE",
                "restore -F FAULTLINE",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.3 -j DROP");
    }

    @Test
    void anExistingChainAndJumpAreReusedNotDuplicated() {
        await(faults.apply(new PartitionFamily.Partition(Set.of("n3"))));
        assertThat(shell.lines()).noneMatch(l -> l.contains(" -N ") || l.contains(" -I "));
    }

    @Test
    void theChainIsEnsuredOnceAndEachApplyReplacesTheRules() {
        missingChains();
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2"))));
        shell.clear();
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2", "n3"))));
        assertThat(shell.lines()).containsExactly(
                "restore -F FAULTLINE",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.3 -j DROP",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.4 -j DROP");
    }

    @Test
    void aNodeNeverDropsItsOwnAddress() {
        await(faults.apply(new PartitionFamily.Partition(Set.of("n1", "n3"))));
        assertThat(shell.lines()).filteredOn(l -> l.contains("DROP"))
                .containsExactly("restore -A FAULTLINE -i eth1 -s 172.19.0.4 -j DROP");
    }

    @Test
    void everyIptablesCallWaitsForTheLockAndNoneTouchesTheControlNetwork() {
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2", "n3"))));
        await(faults.apply(new PacketFamily.PacketLoss(0.5)));
        await(faults.healAll());
        List<List<String>> iptables = shell.commands().stream().filter(c -> c.get(0).startsWith("iptables")).toList();
        assertThat(iptables).isNotEmpty().allSatisfy(c -> assertThat(c.get(1)).isEqualTo("-w"));
        assertThat(shell.lines()).noneMatch(l -> l.contains("eth0") || l.contains("172.18."));
    }

    @Test
    void healingAPartitionFlushesItsChain() {
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2"))));
        shell.clear();
        await(faults.heal("partition"));
        assertThat(shell.lines()).containsExactly("restore -F FAULTLINE");
    }

    @Test
    void oneIptablesRestorePerChainServesEveryFaultAndHeal() {
        for (String peer : List.of("n2", "n3", "n2")) {
            await(faults.apply(new PartitionFamily.Partition(Set.of(peer))));
            await(faults.heal("partition"));
        }
        await(faults.apply(new PacketFamily.PacketLoss(0.1)));
        await(faults.heal("packet"));
        assertThat(shell.started()).isEqualTo(2);
        assertThat(shell.lines()).filteredOn(l -> l.startsWith("restore -F ")).hasSize(8);
    }

    @Test
    void aBlockThatFailsLeavesTheNextToAFreshIptablesRestore() {
        boolean[] failed = {false};
        shell.answer(argv -> argv.get(0).equals("iptables-restore") && !failed[0] && (failed[0] = true)
                ? new Result(argv, 2, "", "iptables-restore v1.8.9 (legacy): Couldn't load target") : null);
        assertThat(failure(faults.apply(new PartitionFamily.Partition(Set.of("n2"))))).contains("Couldn't load target");
        await(faults.apply(new PartitionFamily.Partition(Set.of("n3"))));
        assertThat(shell.started()).isEqualTo(2);
    }

    @Test
    void faultsApplyOnAThreadOfTheirOwnNotTheSharedWorkerPool() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        shell.answer(argv -> {
            threads.add(Thread.currentThread().getName());
            return null;
        });
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2"))));
        await(faults.heal("partition"));
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("faultline-faults"));
    }

    @Test
    void healingBeforeAnyFaultCreatesTheChainSoTheFlushSucceeds() {
        missingChains();
        await(faults.heal("partition"));
        assertThat(shell.lines()).containsSubsequence("iptables -w -N FAULTLINE", "restore -F FAULTLINE");
    }

    @Test
    void healingAllAtStartFindsTheDataInterfaceSoTheFirstFaultRunsOnlyIptables() {
        await(faults.healAll());
        shell.clear();
        await(faults.apply(new PartitionFamily.Partition(Set.of("n2"))));
        assertThat(shell.lines()).containsExactly("restore -F FAULTLINE", "restore -A FAULTLINE -i eth1 -s 172.19.0.3 -j DROP");
    }

    @Test
    void aMissingDataInterfaceDoesNotStopHealingAllAndTheFaultStillSaysWhy() {
        LinuxFaults elsewhere = new LinuxFaults(vertx, shell, "10.9.9.9", Map.of("n1", "10.9.9.9", "n2", "10.9.9.8"), offsetFile);
        await(elsewhere.healAll());
        assertThat(failure(elsewhere.apply(new PartitionFamily.Partition(Set.of("n2"))))).contains("10.9.9.9");
    }

    @Test
    void partitionFromAnUnknownNodeFailsNamingIt() {
        assertThat(failure(faults.apply(new PartitionFamily.Partition(Set.of("n9"))))).contains("n9").contains("no data address");
    }

    @Test
    void aMissingDataInterfaceFailsNamingTheAddress() {
        LinuxFaults elsewhere = new LinuxFaults(vertx, shell, "10.9.9.9", Map.of("n1", "10.9.9.9", "n2", "10.9.9.8"), offsetFile);
        assertThat(failure(elsewhere.apply(new PartitionFamily.Partition(Set.of("n2"))))).contains("10.9.9.9").contains("eth1");
    }

    @Test
    void packetLossDropsAtRandomOnTheDataInterfaceInItsOwnChain() {
        await(faults.apply(new PacketFamily.PacketLoss(0.2)));
        assertThat(shell.lines()).contains(
                "restore -F FAULTLINE-PACKET",
                "restore -A FAULTLINE-PACKET -i eth1 -m statistic --mode random --probability 0.200000 -j DROP");
        assertThat(shell.lines()).noneMatch(l -> l.contains("-A FAULTLINE "));
        shell.clear();
        await(faults.heal("packet"));
        assertThat(shell.lines()).containsExactly("restore -F FAULTLINE-PACKET");
    }

    @Test
    void aPartitionFromTheServicesDropsThemOnlyWhenAsked() {
        String zookeeper = "172.19.0.200";
        LinuxFaults beside = new LinuxFaults(vertx, shell, "172.19.0.2", DATA, offsetFile).sparing(List.of(zookeeper));
        await(beside.apply(new PartitionFamily.Partition(Set.of("n2", "n3"), true)));

        assertThat(shell.lines().stream().filter(l -> l.startsWith("restore -A FAULTLINE ")).toList()).containsExactly(
                "restore -A FAULTLINE -i eth1 -s 172.19.0.3 -j DROP",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.4 -j DROP",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.200 -j DROP");
        assertThat(shell.lines()).as("nor may the node's own packets reach them").contains("iptables -w -C OUTPUT -j FAULTLINE-OUT",
                "restore -A FAULTLINE-OUT -o eth1 -d 172.19.0.200 -j DROP");

        shell.clear();
        await(beside.apply(new PartitionFamily.Partition(Set.of("n2"))));
        await(beside.heal("partition"));
        assertThat(shell.lines()).as("a partition that spares them lets them be heard again").contains("restore -F FAULTLINE-OUT");
        shell.clear();
        await(beside.heal("partition"));
        assertThat(shell.lines()).noneMatch(l -> l.contains("FAULTLINE-OUT"));
    }

    @Test
    void noRuleEverDropsAServicesTraffic() {
        String zookeeper = "172.19.0.200";
        String kafka = "172.19.0.201";
        LinuxFaults beside = new LinuxFaults(vertx, shell, "172.19.0.2", DATA, offsetFile).sparing(List.of(kafka, zookeeper));
        await(beside.apply(new PartitionFamily.Partition(Set.of("n2", "n3"))));
        await(beside.apply(new PacketFamily.PacketLoss(0.9)));
        assertThat(failure(beside.apply(new PartitionFamily.Partition(Set.of("zookeeper"))))).contains("no data address");

        List<String> rules = shell.lines().stream().filter(l -> l.startsWith("restore -A ")).toList();
        assertThat(rules).filteredOn(l -> l.contains("DROP")).noneMatch(l -> l.contains(zookeeper) || l.contains(kafka));
        // Packet loss matches every source, so the services' packets must leave the chain before its DROP.
        assertThat(rules).filteredOn(l -> l.startsWith("restore -A FAULTLINE-PACKET ")).containsExactly(
                "restore -A FAULTLINE-PACKET -i eth1 -s 172.19.0.200 -j RETURN",
                "restore -A FAULTLINE-PACKET -i eth1 -s 172.19.0.201 -j RETURN",
                "restore -A FAULTLINE-PACKET -i eth1 -m statistic --mode random --probability 0.900000 -j DROP");
        assertThat(rules).filteredOn(l -> l.startsWith("restore -A FAULTLINE ")).containsExactly(
                "restore -A FAULTLINE -i eth1 -s 172.19.0.3 -j DROP",
                "restore -A FAULTLINE -i eth1 -s 172.19.0.4 -j DROP");
    }

    @Test
    void packetLossOutsideZeroToOneIsRefused() {
        assertThat(failure(faults.apply(new PacketFamily.PacketLoss(1.5)))).contains("between 0 and 1");
        assertThat(shell.lines()).noneMatch(l -> l.contains("-A "));
    }

    @Test
    void clockOffsetsAreWrittenAsLibfaketimeReadsThem() throws Exception {
        assertThat(offsetAfter(123_456)).isEqualTo("+123.456");
        assertThat(offsetAfter(-2_000)).isEqualTo("-2");
        assertThat(offsetAfter(-500)).isEqualTo("-0.5");
        assertThat(offsetAfter(1_500)).isEqualTo("+1.5");
        assertThat(offsetAfter(3_600_000)).isEqualTo("+3600");
        assertThat(shell.commands()).as("the clock fault runs no command").isEmpty();
    }

    @Test
    void healingTheClockResetsTheOffsetToZero() throws Exception {
        await(faults.apply(new ClockFamily.ClockOffset(-30_000)));
        await(faults.heal("clock"));
        assertThat(Files.readString(offsetFile).strip()).isEqualTo("+0");
    }

    @Test
    void healAllClearsBothChainsAndTheClock() throws Exception {
        await(faults.healAll());
        assertThat(shell.lines()).contains("restore -F FAULTLINE", "restore -F FAULTLINE-PACKET", "restore -F FAULTLINE-OUT");
        assertThat(Files.readString(offsetFile).strip()).isEqualTo("+0");
    }

    @Test
    void killAndPauseAreNotNetworkFaultsAndOtherKindsHealAsNothing() {
        assertThat(faults.supportedKinds()).containsExactlyInAnyOrder("partition", "clock", "packet");
        assertThat(failure(faults.apply(new ProcessFamily.Kill()))).contains("cannot inject 'kill'");
        await(faults.heal("pause"));
        assertThat(shell.commands()).isEmpty();
    }

    @Test
    void netemDelaysDuplicatesAndReordersOnTheDataInterfaceWhereAvailable() {
        LinuxFaults withNetem = new LinuxFaults(vertx, shell, "172.19.0.2", DATA, offsetFile).withNetem(true);
        assertThat(withNetem.supportedKinds()).contains("netem");
        await(withNetem.apply(new PacketFamily.Netem(0, 0.01, 0.25)));
        assertThat(shell.lines()).contains("tc qdisc replace dev eth1 root netem delay 10ms duplicate 1.0000% reorder 25.0000%");
        shell.clear();
        await(withNetem.heal("netem"));
        assertThat(shell.lines()).containsExactly("tc qdisc del dev eth1 root");
    }

    @Test
    void withoutNetemTheKindIsNotOfferedAndIsRefused() {
        assertThat(faults.supportedKinds()).doesNotContain("netem");
        assertThat(failure(faults.apply(new PacketFamily.Netem(100, 0, 0)))).contains("cannot inject 'netem'");
        await(faults.heal("netem"));
        assertThat(shell.commands()).isEmpty();
    }

    @Test
    void netemIsDetectedByTryingItOnLoopbackAndRemovedAgain() {
        assertThat(LinuxFaults.netemAvailable(shell)).isTrue();
        assertThat(shell.lines()).containsExactly("tc qdisc add dev lo root netem delay 1ms", "tc qdisc del dev lo root");

        RecordingShell noNetem = new RecordingShell().answer(argv -> argv.get(0).equals("tc")
                ? new Result(argv, 2, "", "Error: Specified qdisc kind is unknown.") : null);
        assertThat(LinuxFaults.netemAvailable(noNetem)).isFalse();
        assertThat(noNetem.lines()).containsExactly("tc qdisc add dev lo root netem delay 1ms");
    }

    @Test
    void aFailingIptablesCallReportsTheCommandAndItsStderr() {
        shell.answer(argv -> argv.get(0).equals("iptables-restore")
                ? new Result(argv, 2, "", "iptables-restore v1.8.9 (legacy): unknown option \"-x\"") : null);
        assertThat(failure(faults.apply(new PartitionFamily.Partition(Set.of("n2")))))
                .contains("`iptables-restore -w 5 --noflush --verbose` exited with 2")
                .contains("unknown option");
    }

    @Test
    void withoutNetAdminTheFirstFaultFailsOnOneLineSayingWhatIsMissing() {
        missingChains();
        shell.answer(argv -> argv.contains("-N") ? new Result(argv, 3, "", """
                iptables v1.8.9 (legacy): can't initialize iptables table `filter': Permission denied (you must be root)
                Perhaps iptables or your kernel needs to be upgraded.
                """) : null);
        assertThat(failure(faults.apply(new PartitionFamily.Partition(Set.of("n2")))))
                .startsWith("`iptables -w -N FAULTLINE` exited with 3: iptables v1.8.9 (legacy)")
                .contains("Permission denied (you must be root) / Perhaps iptables")
                .endsWith("(iptables needs root and the NET_ADMIN capability)")
                .doesNotContain("\n");
    }

    private String offsetAfter(long millis) throws Exception {
        await(faults.apply(new ClockFamily.ClockOffset(millis)));
        return Files.readString(offsetFile).strip();
    }

    private void missingChains() {
        shell.answer(argv -> argv.contains("-L") || argv.contains("-C") ? new Result(argv, 1, "", "No chain/target/match by that name.") : null);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
        throw new AssertionError("expected a failure, got success");
    }
}
