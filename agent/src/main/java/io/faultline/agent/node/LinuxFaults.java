package io.faultline.agent.node;

import io.faultline.agent.FaultApplier;
import io.faultline.fault.Fault;
import io.faultline.fault.ClockFamily;
import io.faultline.fault.PacketFamily;
import io.faultline.fault.PartitionFamily;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

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
    static final String SERVICES_OUT_CHAIN = "FAULTLINE-OUT";

    /**
     * A thread of its own for the faults rather than Vert.x's shared worker pool, where they would queue behind a
     * database's blocking work; one, so that faults apply in the order they come.
     */
    private static final ExecutorService FAULT_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "faultline-faults");
        thread.setDaemon(true);
        return thread;
    });

    private final Vertx vertx;
    private final Shell shell;
    private final String dataAddress;
    private final Map<String, String> dataAddresses;
    private final Faketime faketime;
    private boolean netem;
    private final IptablesChain partition;
    private final IptablesChain packet;
    /** What this node sends to the services while a partition isolates it from them; empty otherwise. */
    private final IptablesChain servicesOut;
    private boolean servicesCut;
    private String dataInterface;
    /** Addresses of the services beside the nodes: never faulted, so their packets are never dropped. */
    private Set<String> spared = Set.of();

    public LinuxFaults(Vertx vertx, Shell shell, String dataAddress, Map<String, String> dataAddresses) {
        this(vertx, shell, dataAddress, dataAddresses, Faketime.DEFAULT_OFFSET_FILE);
    }

    /** @param faketimeFile the offset file the system under test's libfaketime reads */
    public LinuxFaults(Vertx vertx, Shell shell, String dataAddress, Map<String, String> dataAddresses, Path faketimeFile) {
        this.vertx = vertx;
        this.shell = shell;
        this.dataAddress = dataAddress;
        this.dataAddresses = Map.copyOf(dataAddresses);
        this.faketime = new Faketime(faketimeFile);
        this.partition = new IptablesChain(shell, PARTITION_CHAIN);
        this.packet = new IptablesChain(shell, PACKET_CHAIN);
        this.servicesOut = new IptablesChain(shell, SERVICES_OUT_CHAIN, "OUTPUT");
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
        if (fault instanceof PartitionFamily.Partition p) return blocking(() -> partition(p.dropFrom(), p.fromServices()));
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
                uncutServices();
                return "partition healed: accepting data traffic from every node";
            });
            case "packet" -> blocking(() -> {
                packet.flush();
                return "packet loss healed";
            });
            case "netem" -> netem ? blocking(() -> {
                shell.run(List.of("tc", "qdisc", "del", "dev", dataInterface(), "root"));
                return "netem healed: data packets pass undelayed";
            }) : Future.succeededFuture();
            case "clock" -> blocking(() -> {
                faketime.set(0);
                return "clock offset healed: the system under test sees real time";
            });
            // Nothing of another kind was ever applied here, so there is nothing to heal.
            default -> Future.succeededFuture();
        };
    }

    /**
     * Heals every kind; an agent starting in a reused container must not inherit a previous run's faults. It also
     * finds the data interface now, as the agent starts, so that the first fault does not wait for {@code ip}.
     */
    public Future<Void> healAll() {
        return blocking(() -> {
            try {
                dataInterface();
            } catch (ShellException e) {
                // Not a healing matter: the first network fault fails with this message.
            }
            partition.flush();
            servicesOut.flush();
            servicesCut = false;
            packet.flush();
            faketime.set(0);
            return "no faults on this node: data traffic accepted from every node, real time for the system under test";
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

    /** @param fromServices also from the services: only when the config asks for it (nemesis.isolate-from-services) */
    private String partition(Set<String> dropFrom, boolean fromServices) {
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
        if (fromServices) for (String service : new TreeSet<>(spared)) rules.add(List.of("-i", iface, "-s", service, "-j", "DROP"));
        partition.replace(rules);
        // The services drop nothing themselves, so only this node can stop its own packets reaching them: without that,
        // a service would still hear the node (ZooKeeper would keep its session, and Patroni its leader key).
        if (fromServices) {
            List<List<String>> out = new ArrayList<>();
            for (String service : new TreeSet<>(spared)) out.add(List.of("-o", iface, "-d", service, "-j", "DROP"));
            servicesOut.replace(out);
            servicesCut = true;
        } else {
            uncutServices();
        }
        return "partition applied: dropping data traffic from " + new TreeSet<>(dropFrom)
                + (fromServices ? " and from the services " + new TreeSet<>(spared) : "") + " on " + iface;
    }

    /** Lets this node's packets reach the services again; nothing to commit when they were never cut. */
    private void uncutServices() {
        if (!servicesCut) return;
        servicesOut.flush();
        servicesCut = false;
    }

    private String packetLoss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("packet loss probability must be between 0 and 1, not " + probability);
        }
        String iface = dataInterface();
        List<List<String>> rules = new ArrayList<>();
        for (String service : new TreeSet<>(spared)) rules.add(List.of("-i", iface, "-s", service, "-j", "RETURN"));
        rules.add(List.of("-i", iface, "-m", "statistic", "--mode", "random",
                "--probability", String.format(Locale.ROOT, "%.6f", probability), "-j", "DROP"));
        packet.replace(rules);
        return "packet loss applied: dropping " + probability + " of incoming data packets on " + iface;
    }

    private String netem(PacketFamily.Netem fault) {
        String iface = dataInterface();
        List<String> argv = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", iface, "root", "netem"));
        // netem reorders by sending some packets at once while delaying the rest, so reordering needs a delay.
        long delay = fault.delayMillis() > 0 ? fault.delayMillis() : fault.reorder() > 0 ? 10 : 0;
        if (delay > 0) argv.addAll(List.of("delay", delay + "ms"));
        if (fault.duplicate() > 0) argv.addAll(List.of("duplicate", percent(fault.duplicate())));
        if (fault.reorder() > 0) argv.addAll(List.of("reorder", percent(fault.reorder())));
        shell.check(argv);
        return "netem applied on " + iface + ": " + String.join(" ", argv.subList(7, argv.size()));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.4f%%", share * 100);
    }

    private String clock(long offsetMillis) {
        faketime.set(offsetMillis);
        return "clock offset applied: the system under test's clock runs " + Faketime.format(offsetMillis) + " s off";
    }

    private synchronized String dataInterface() {
        if (dataInterface == null) dataInterface = DataInterface.holding(shell, dataAddress);
        return dataInterface;
    }

    /**
     * Runs {@code action} on the fault thread and logs the line it returns only after answering: a line to the
     * container's log took up to tens of milliseconds on a loaded machine, time the nemesis would wait for.
     */
    private Future<Void> blocking(Supplier<String> action) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> done = Promise.promise();
        FAULT_THREAD.execute(() -> {
            String said;
            try {
                said = action.get();
            } catch (Throwable e) {
                context.runOnContext(v -> done.fail(e));
                return;
            }
            context.runOnContext(v -> done.complete());
            LOG.info(said);
        });
        return done.future();
    }
}
