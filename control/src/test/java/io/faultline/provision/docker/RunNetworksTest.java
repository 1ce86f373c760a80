package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunNetworksTest {
    private DockerClient client;
    private final String first = DockerTests.newRunId();
    private final String second = DockerTests.newRunId();

    @BeforeEach
    void connect() {
        client = DockerTests.clientOrSkip();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        Leftovers.removeRun(client, first);
        Leftovers.removeRun(client, second);
        client.close();
    }

    @Test
    void networksGetFreeSubnetsAndLabels() throws Exception {
        RunNetworks a = RunNetworks.create(client, first);
        RunNetworks b = RunNetworks.create(client, second);

        Network control = client.inspectNetworkCmd().withNetworkId(a.controlNetwork()).exec();
        Network data = client.inspectNetworkCmd().withNetworkId(a.dataNetwork()).exec();
        assertThat(control.getName()).isEqualTo(Labels.prefix(first) + "-control");
        assertThat(control.getDriver()).isEqualTo("bridge");
        assertThat(control.getLabels()).containsEntry(Labels.RUN, first).containsEntry(Labels.ROLE, "control");
        assertThat(data.getLabels()).containsEntry(Labels.RUN, first).containsEntry(Labels.ROLE, "data");
        assertThat(control.getIpam().getConfig().get(0).getSubnet()).isEqualTo(a.controlSubnet()).startsWith("10.213.");
        assertThat(data.getIpam().getConfig().get(0).getSubnet()).isEqualTo(a.dataSubnet()).startsWith("10.214.");

        String octet = a.controlSubnet().split("\\.")[2];
        assertThat(a.controlHost()).isEqualTo("10.213." + octet + ".1");
        assertThat(a.controlAddresses(List.of("n1", "n2")))
                .containsExactly(Map.entry("n1", "10.213." + octet + ".11"), Map.entry("n2", "10.213." + octet + ".12"));
        assertThat(a.dataAddresses(List.of("n1", "n2")))
                .containsExactly(Map.entry("n1", "10.214." + octet + ".11"), Map.entry("n2", "10.214." + octet + ".12"));

        // Every subnet, the other run's included, is apart from every other network's.
        List<Ipv4Subnet> ours = List.of(subnet(a.controlSubnet()), subnet(a.dataSubnet()), subnet(b.controlSubnet()), subnet(b.dataSubnet()));
        for (Network network : client.listNetworksCmd().exec()) {
            if (network.getIpam() == null || network.getIpam().getConfig() == null) continue;
            for (Network.Ipam.Config config : network.getIpam().getConfig()) {
                Optional<Ipv4Subnet> theirs = Ipv4Subnet.parse(config.getSubnet());
                if (theirs.isEmpty()) continue;
                long overlapping = ours.stream().filter(s -> s.overlaps(theirs.get())).count();
                assertThat(overlapping).as("%s overlaps %s", network.getName(), config.getSubnet()).isLessThanOrEqualTo(1);
            }
        }

        // The control JVM binds Hazelcast and the event bus on the gateway, right after the networks exist.
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(a.controlHost()), 0));
            assertThat(socket.isBound()).isTrue();
        }

        a.remove(client);
        assertThat(client.listNetworksCmd().withNameFilter(a.controlNetwork(), a.dataNetwork()).exec()).isEmpty();
    }

    private static Ipv4Subnet subnet(String cidr) {
        return Ipv4Subnet.parse(cidr).orElseThrow();
    }
}
