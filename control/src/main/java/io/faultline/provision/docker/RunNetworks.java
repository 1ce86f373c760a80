package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A run's two bridge networks (DESIGN.md decision 6): {@code faultline-<short run id>-control} for the event bus
 * and Hazelcast, never faulted, and {@code -data} for the system under test, where partitions apply. Both are
 * /24s with the same third octet, {@code 10.213.X.0/24} and {@code 10.214.X.0/24}, so an address tells at once
 * which run and network it belongs to. The i-th node (1-based) gets {@code .(10+i)} on both, the i-th service
 * {@code .(199+i)} on the data network only; the host itself is {@code .1} on the control network, which is where the
 * control JVM binds.
 */
public final class RunNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(RunNetworks.class);
    static final String CONTROL = "control";
    static final String DATA = "data";
    static final int MAX_NODES = 189;
    /** Services sit above the nodes, from .200: an address says at once which kind of container has it. */
    static final int MAX_SERVICES = 55;
    private static final int FIRST_SERVICE = 200;
    private static final int CONTROL_SECOND_OCTET = 213;
    private static final int DATA_SECOND_OCTET = 214;
    private static final int GATEWAY = 1;
    private static final int FIRST_NODE = 11;

    private final String runId;
    private final Ipv4Subnet control;
    private final Ipv4Subnet data;
    private final boolean kept;

    private RunNetworks(String runId, Ipv4Subnet control, Ipv4Subnet data, boolean kept) {
        this.runId = runId;
        this.control = control;
        this.data = data;
        this.kept = kept;
    }

    /**
     * Creates both networks on subnets no other Docker network uses. Another run may be choosing at the same
     * moment: a subnet the daemon then refuses as overlapping is skipped and the next free one tried.
     */
    static RunNetworks create(DockerClient client, String runId) {
        return create(client, runId, false);
    }

    /** @param kept whether the run is {@code faultline up}'s, whose resources only {@code down} removes (see {@link Labels#KEPT}) */
    static RunNetworks create(DockerClient client, String runId, boolean kept) {
        List<Ipv4Subnet> taken = subnetsInUse(client);
        int start = ThreadLocalRandom.current().nextInt(256);
        while (true) {
            OptionalInt octet = freeThirdOctet(taken, start);
            if (octet.isEmpty()) {
                throw new IllegalStateException("no free /24 left in 10.213.0.0/16 and 10.214.0.0/16: Docker networks use "
                        + taken + "; remove leftovers with: docker network prune");
            }
            RunNetworks networks = new RunNetworks(runId, subnet(CONTROL_SECOND_OCTET, octet.getAsInt()),
                    subnet(DATA_SECOND_OCTET, octet.getAsInt()), kept);
            try {
                networks.createBoth(client);
                LOG.info("run {}: networks {} ({}) and {} ({})", runId, networks.controlNetwork(), networks.control,
                        networks.dataNetwork(), networks.data);
                return networks;
            } catch (DockerException e) {
                if (!String.valueOf(e.getMessage()).contains("overlap")) throw e;
                taken.add(networks.control);
                taken.add(networks.data);
                start = octet.getAsInt() + 1;
            }
        }
    }

    /** The first third octet from {@code start} on (wrapping) whose control and data /24s overlap nothing taken. */
    static OptionalInt freeThirdOctet(List<Ipv4Subnet> taken, int start) {
        for (int i = 0; i < 256; i++) {
            int octet = (start + i) & 255;
            Ipv4Subnet control = subnet(CONTROL_SECOND_OCTET, octet);
            Ipv4Subnet data = subnet(DATA_SECOND_OCTET, octet);
            if (taken.stream().noneMatch(t -> t.overlaps(control) || t.overlaps(data))) return OptionalInt.of(octet);
        }
        return OptionalInt.empty();
    }

    public String runId() {
        return runId;
    }

    /** The labels of everything the run creates: its id, its owner, and whether {@code up} keeps it. */
    Map<String, String> labels() {
        Map<String, String> labels = Labels.forRun(runId);
        if (kept) labels.put(Labels.KEPT, "up");
        return labels;
    }

    public String controlNetwork() {
        return Labels.prefix(runId) + "-" + CONTROL;
    }

    public String dataNetwork() {
        return Labels.prefix(runId) + "-" + DATA;
    }

    public String controlSubnet() {
        return control.toString();
    }

    public String dataSubnet() {
        return data.toString();
    }

    /** The host's address on the control network: the control JVM binds Hazelcast and the event bus here. */
    public String controlHost() {
        return control.host(GATEWAY);
    }

    /** The control-network address of the node at {@code index} (0-based) in the config's node list. */
    public String controlAddress(int index) {
        return control.host(FIRST_NODE + checkIndex(index));
    }

    /** The data-network address of the node at {@code index} (0-based) in the config's node list. */
    public String dataAddress(int index) {
        return data.host(FIRST_NODE + checkIndex(index));
    }

    /** The data-network address of the service at {@code index} (0-based) in the config's start order. */
    public String serviceAddress(int index) {
        if (index < 0 || index >= MAX_SERVICES) {
            throw new IllegalArgumentException("service index " + index + " is outside 0.." + (MAX_SERVICES - 1));
        }
        return data.host(FIRST_SERVICE + index);
    }

    /** Every service's data-network address, in start order. */
    public Map<String, String> serviceAddresses(List<String> services) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) out.put(services.get(i), serviceAddress(i));
        return out;
    }

    /** Every node's control-network address, in node order. */
    public Map<String, String> controlAddresses(List<String> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) out.put(nodes.get(i), controlAddress(i));
        return out;
    }

    /** Every node's data-network address, in node order. */
    public Map<String, String> dataAddresses(List<String> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) out.put(nodes.get(i), dataAddress(i));
        return out;
    }

    /** Removes both networks; their containers must be gone first, or Docker refuses. */
    void remove(DockerClient client) {
        for (String name : List.of(dataNetwork(), controlNetwork())) {
            try {
                client.removeNetworkCmd(name).exec();
            } catch (NotFoundException e) {
                // Already gone: removal is idempotent, so a second stop or a Leftovers sweep is harmless.
            }
        }
        LOG.info("run {}: networks removed", runId);
    }

    private void createBoth(DockerClient client) {
        create(client, controlNetwork(), CONTROL, control);
        try {
            create(client, dataNetwork(), DATA, data);
        } catch (RuntimeException e) {
            client.removeNetworkCmd(controlNetwork()).exec();
            throw e;
        }
    }

    private void create(DockerClient client, String name, String role, Ipv4Subnet subnet) {
        Map<String, String> labels = labels();
        labels.put(Labels.ROLE, role);
        client.createNetworkCmd()
                .withName(name)
                .withDriver("bridge")
                .withCheckDuplicate(true)
                .withLabels(labels)
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config()
                        .withSubnet(subnet.toString())
                        .withGateway(subnet.host(GATEWAY))))
                .exec();
    }

    private static List<Ipv4Subnet> subnetsInUse(DockerClient client) {
        List<Ipv4Subnet> taken = new ArrayList<>();
        for (Network network : client.listNetworksCmd().exec()) {
            if (network.getIpam() == null || network.getIpam().getConfig() == null) continue;
            network.getIpam().getConfig().stream()
                    .map(Network.Ipam.Config::getSubnet)
                    .filter(Objects::nonNull)
                    .map(Ipv4Subnet::parse)
                    .flatMap(Optional::stream)
                    .forEach(taken::add);
        }
        return taken;
    }

    private static Ipv4Subnet subnet(int secondOctet, int thirdOctet) {
        return new Ipv4Subnet(10 << 24 | secondOctet << 16 | thirdOctet << 8, 24);
    }

    private static int checkIndex(int index) {
        if (index < 0 || index >= MAX_NODES) {
            throw new IllegalArgumentException("node index " + index + " is outside 0.." + (MAX_NODES - 1) + ": a /24 holds "
                    + MAX_NODES + " nodes from .11 on, below the services from .200");
        }
        return index;
    }
}
