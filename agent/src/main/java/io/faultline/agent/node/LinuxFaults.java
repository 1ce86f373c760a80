package io.faultline.agent.node;

import io.faultline.agent.FaultApplier;
import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The network and clock faults of a node container, on this node only. Partitions and packet loss drop
 * incoming packets on the data interface (DESIGN.md decision 6): the control network, and with it the
 * event bus and cluster membership, is never touched. Clock offsets go to the system under test through
 * {@link Faketime}.
 */
public final class LinuxFaults implements FaultApplier {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxFaults.class);
    static final String PARTITION_CHAIN = "FAULTLINE";
    static final String PACKET_CHAIN = "FAULTLINE-PACKET";

    /**
     * A thread of its own for the faults rather than the shared worker pool, where they would queue behind a
     * database's blocking work; one, so that faults apply in the order they come.
     */
    private final WorkerExecutor faultThread;
    private final Shell shell;
    private final String dataAddress;
    private final Map<String, String> dataAddresses;
    private final Faketime faketime;
    private boolean netem;
    private final IptablesChain partition;
    private final IptablesChain packet;
    private String dataInterface;
    /** Addresses of the services beside the nodes: never faulted, so their packets are never dropped. */
    private Set<String> spared = Set.of();

    public LinuxFaults(Vertx vertx, Shell shell, String dataAddress, Map<String, String> dataAddresses) {
        this(vertx, shell, dataAddress, dataAddresses, Faketime.DEFAULT_OFFSET_FILE);
    }

    /** @param faketimeFile the offset file the system under test's libfaketime reads */
    public LinuxFaults(Vertx vertx, Shell shell, String dataAddress, Map<String, String> dataAddresses, Path faketimeFile) {
        this.faultThread = vertx.createSharedWorkerExecutor("faultline-faults", 1);
        this.shell = shell;
        this.dataAddress = dataAddress;
        this.dataAddresses = Map.copyOf(dataAddresses);
        this.faketime = new Faketime(faketimeFile);
        Path dir = faketimeFile.toAbsolutePath().getParent();
        this.partition = new IptablesChain(shell, PARTITION_CHAIN, dir.resolve(PARTITION_CHAIN + ".rules"));
        this.packet = new IptablesChain(shell, PACKET_CHAIN, dir.resolve(PACKET_CHAIN + ".rules"));
    }

    @Override
    public Set<String> supportedKinds() {
        return netem ? Set.of("partition", "clock", "packet", "netem") : Set.of("partition", "clock", "packet");
    }

    /** Offers netem faults (delay, duplicate, reorder); only where {@link #netemAvailable} said the kernel has it. */
    public LinuxFaults withNetem(boolean available) {
        this.netem = available;
        return this;
    }

    /**
     * Never drops packets from these addresses, the services' (ZooKeeper, Kafka): a test that disturbed them would
     * test them, not the system. Partitions drop only grudged nodes' addresses anyway; packet loss drops at random,
     * so it returns early for them.
     */
    public LinuxFaults sparing(java.util.Collection<String> serviceAddresses) {
        this.spared = Set.copyOf(serviceAddresses);
        return this;
    }

    @Override
    public Future<Void> apply(Fault fault) {
        if (fault instanceof PartitionFamily.Partition p) return blocking(() -> partition(p.dropFrom()));
        if (fault instanceof PacketFamily.PacketLoss p) return blocking(() -> packetLoss(p.probability()));
        if (fault instanceof ClockFamily.ClockOffset c) return blocking(() -> clock(c.offsetMillis()));
        if (fault instanceof PacketFamily.Netem n && netem) return blocking(() -> netem(n));
        return Future.failedFuture("this node cannot inject '" + fault.kind() + "' faults; it supports " + supportedKinds());
    }

    @Override
    public Future<Void> heal(String kind) {
        return switch (kind) {
            case "partition" -> blocking(() -> {
                partition.flush();
                LOG.info("partition healed: accepting data traffic from every node");
            });
            case "packet" -> blocking(() -> {
                packet.flush();
                LOG.info("packet loss healed");
            });
            case "netem" -> netem ? blocking(() -> {
                shell.run(List.of("tc", "qdisc", "del", "dev", dataInterface(), "root"));
                LOG.info("netem healed: data packets pass undelayed");
            }) : Future.succeededFuture();
            case "clock" -> blocking(() -> {
                faketime.set(0);
                LOG.info("clock offset healed: the system under test sees real time");
            });
            // Nothing of another kind was ever applied here, so there is nothing to heal.
            default -> Future.succeededFuture();
        };
    }

    /** Heals every kind; an agent starting in a reused container must not inherit a previous run's faults. */
    public Future<Void> healAll() {
        return blocking(() -> {
            partition.flush();
            packet.flush();
            faketime.set(0);
            LOG.info("no faults on this node: data traffic accepted from every node, real time for the system under test");
        });
    }

    /**
     * Whether {@code tc … netem} (delay, duplication, reordering) works here: it needs the kernel's sch_netem,
     * which some kernels lack. Tries a qdisc on loopback and removes it again; blocking.
     */
    public static boolean netemAvailable(Shell shell) {
        if (!shell.run(List.of("tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms")).ok()) return false;
        shell.run(List.of("tc", "qdisc", "del", "dev", "lo", "root"));
        return true;
    }

    private void partition(Set<String> dropFrom) {
        String iface = dataInterface();
        List<List<String>> rules = new ArrayList<>();
        for (String peer : new TreeSet<>(dropFrom)) {
            String address = dataAddresses.get(peer);
            if (address == null) {
                throw new IllegalArgumentException("cannot partition from " + peer + ": no data address for it (nodes: "
                        + new TreeSet<>(dataAddresses.keySet()) + ")");
            }
            if (address.equals(dataAddress)) continue;
            rules.add(List.of("-i", iface, "-s", address, "-j", "DROP"));
        }
        partition.replace(rules);
        LOG.info("partition applied: dropping data traffic from {} on {}", new TreeSet<>(dropFrom), iface);
    }

    private void packetLoss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("packet loss probability must be between 0 and 1, not " + probability);
        }
        String iface = dataInterface();
        List<List<String>> rules = new ArrayList<>();
        for (String service : new TreeSet<>(spared)) rules.add(List.of("-i", iface, "-s", service, "-j", "RETURN"));
        rules.add(List.of("-i", iface, "-m", "statistic", "--mode", "random",
                "--probability", String.format(Locale.ROOT, "%.6f", probability), "-j", "DROP"));
        packet.replace(rules);
        LOG.info("packet loss applied: dropping {} of incoming data packets on {}", probability, iface);
    }

    private void netem(PacketFamily.Netem fault) {
        String iface = dataInterface();
        List<String> argv = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", iface, "root", "netem"));
        // netem reorders by sending some packets at once while delaying the rest, so reordering needs a delay.
        long delay = fault.delayMillis() > 0 ? fault.delayMillis() : fault.reorder() > 0 ? 10 : 0;
        if (delay > 0) argv.addAll(List.of("delay", delay + "ms"));
        if (fault.duplicate() > 0) argv.addAll(List.of("duplicate", percent(fault.duplicate())));
        if (fault.reorder() > 0) argv.addAll(List.of("reorder", percent(fault.reorder())));
        shell.check(argv);
        LOG.info("netem applied on {}: {}", iface, String.join(" ", argv.subList(7, argv.size())));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.4f%%", share * 100);
    }

    private void clock(long offsetMillis) {
        faketime.set(offsetMillis);
        LOG.info("clock offset applied: the system under test's clock runs {} s off", Faketime.format(offsetMillis));
    }

    private synchronized String dataInterface() {
        if (dataInterface == null) dataInterface = DataInterface.holding(shell, dataAddress);
        return dataInterface;
    }

    private Future<Void> blocking(Runnable action) {
        return faultThread.executeBlocking(() -> {
            action.run();
            return null;
        });
    }
}
