package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.faultline.run.RunDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerProviderTest {
    private static final int CONTROL_PORT = 5801;

    @TempDir
    Path tmp;

    private DockerClient client;
    private final String runId = DockerTests.newRunId();
    private Path agentJar;
    private Path tlsN1;
    private RunDirectory dir;

    @BeforeEach
    void setUp() throws Exception {
        client = DockerTests.clientOrSkip();
        agentJar = Files.writeString(tmp.resolve("faultline-agent.jar"), "not really a jar: the tests run sleep");
        tlsN1 = Files.createDirectories(tmp.resolve("tls/n1"));
        dir = RunDirectory.create(tmp.resolve("store"), "docker-test", Instant.now());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        Leftovers.removeRun(client, runId);
        client.close();
    }

    @Test
    void containersJoinBothNetworksWithFixedAddresses() throws Exception {
        TestConfig config = DockerTests.config("""
                name: docker-test
                nodes: 2
                cluster: {provider: docker}
                workload: {name: register}
                db: {name: etcd, version: 3.4.23}
                """);
        DockerProvider provider = provider(List.of("sleep", "infinity"));
        RunNetworks networks = provider.prepareNetworks(runId);
        DockerTests.await(provider.start(config, contracts(config), dir::nodeDir));

        for (int i = 0; i < 2; i++) {
            String node = "n" + (i + 1);
            InspectContainerResponse inspect = client.inspectContainerCmd(NodeContainers.name(runId, node)).exec();
            assertThat(inspect.getState().getRunning()).isTrue();
            assertThat(inspect.getConfig().getHostName()).isEqualTo(node);
            assertThat(inspect.getConfig().getImage()).isEqualTo("faultline/node");
            assertThat(inspect.getConfig().getLabels()).containsEntry(Labels.RUN, runId).containsEntry(Labels.NODE, node);
            assertThat(inspect.getHostConfig().getCapAdd()).contains(Capability.NET_ADMIN);
            assertThat(inspect.getHostConfig().getInit()).as("an init as PID 1 reaps what the system under test orphans").isTrue();

            Map<String, ContainerNetwork> attached = inspect.getNetworkSettings().getNetworks();
            assertThat(attached).containsOnlyKeys(networks.controlNetwork(), networks.dataNetwork());
            assertThat(attached.get(networks.controlNetwork()).getIpAddress()).isEqualTo(networks.controlAddress(i)).endsWith("." + (11 + i));
            assertThat(attached.get(networks.dataNetwork()).getIpAddress()).isEqualTo(networks.dataAddress(i)).endsWith("." + (11 + i));
            assertThat(attached.get(networks.dataNetwork()).getAliases()).contains(node);

            Map<String, String> mounts = inspect.getMounts().stream()
                    .peek(m -> assertThat(m.getRW()).as("%s is read-only", m.getDestination().getPath()).isFalse())
                    .collect(Collectors.toMap(m -> m.getDestination().getPath(), m -> m.getSource()));
            assertThat(mounts).containsEntry("/opt/faultline/agent.jar", agentJar.toString());
            if (node.equals("n1")) assertThat(mounts).containsEntry("/opt/faultline/tls", tlsN1.toString()).hasSize(2);
            else assertThat(mounts).hasSize(1);

            String json = Arrays.stream(inspect.getConfig().getEnv()).filter(e -> e.startsWith(AgentContract.VARIABLE + "="))
                    .findFirst().orElseThrow().substring(AgentContract.VARIABLE.length() + 1);
            AgentContract contract = AgentContract.fromJson(json);
            assertThat(contract.withEndpoints(null)).isEqualTo(contracts(config).get(i));
            AgentContract.Endpoints env = contract.endpoints();
            assertThat(env.clusterName()).isEqualTo("faultline-" + runId);
            assertThat(env.host()).isEqualTo(networks.controlAddress(i));
            assertThat(env.hazelcastPort()).isEqualTo(5701);
            assertThat(env.members()).containsExactly(networks.controlHost() + ":" + CONTROL_PORT);
            assertThat(env.dataAddresses()).isEqualTo(networks.dataAddresses(List.of("n1", "n2")));
            assertThat(env.tlsDir()).isEqualTo(node.equals("n1") ? "/opt/faultline/tls" : null);
        }

        DockerTests.await(provider.stop());
        assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, runId)).exec()).isEmpty();
        assertThat(client.listNetworksCmd().withFilter("label", List.of(Labels.RUN + "=" + runId)).exec()).isEmpty();
    }

    @Test
    void containerThatDiesAtStartShowsItsLastLogLines() throws Exception {
        TestConfig config = DockerTests.config("""
                name: docker-test
                nodes: 1
                cluster: {provider: docker}
                workload: {name: register}
                """);
        DockerProvider provider = provider(List.of("sh", "-c", "echo boom >&2; exit 3"));
        provider.prepareNetworks(runId);

        assertThatThrownBy(() -> DockerTests.await(provider.start(config, contracts(config), dir::nodeDir)))
                .rootCause()
                .hasMessageContaining("node n1: container " + NodeContainers.name(runId, "n1") + " exited with code 3")
                .hasMessageEndingWith("its last 30 log lines:\nboom");

        DockerTests.await(provider.stop());
        assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, runId)).exec()).isEmpty();
    }

    @Test
    void leaveRunningKeepsTheNodesAfterStop() throws Exception {
        TestConfig config = DockerTests.config("""
                name: docker-test
                nodes: 1
                cluster: {provider: docker, leave-running: true}
                workload: {name: register}
                """);
        DockerProvider provider = provider(List.of("sleep", "infinity"));
        provider.prepareNetworks(runId);
        DockerTests.await(provider.start(config, contracts(config), dir::nodeDir));
        DockerTests.await(provider.stop());

        assertThat(client.listContainersCmd().withLabelFilter(Map.of(Labels.RUN, runId)).exec()).hasSize(1);
        assertThat(client.listNetworksCmd().withFilter("label", List.of(Labels.RUN + "=" + runId)).exec()).hasSize(2);
    }

    @Test
    void servicesStartFirstOnTheDataNetworkUnderTheirNamesAndLeaveTheirLogs() throws Exception {
        TestConfig config = DockerTests.config("""
                name: docker-test
                nodes: 1
                cluster: {provider: docker}
                workload: {name: register}
                services:
                  - name: cache
                    image: faultline/node
                    command: "echo cache up; touch /tmp/ready; sleep infinity"
                    health: {command: "test -f /tmp/ready", interval: 200ms, retries: 50, timeout: 5s}
                    depends-on: [store]
                  - name: store
                    image: faultline/node
                    command: [sh, -c, "echo store up; sleep infinity"]
                """);
        DockerProvider provider = provider(List.of("sleep", "infinity")).withServiceDirs(dir::serviceDir);
        RunNetworks networks = provider.prepareNetworks(runId);
        DockerTests.await(provider.start(config, contracts(config), dir::nodeDir));

        InspectContainerResponse store = client.inspectContainerCmd(NodeContainers.name(runId, "store")).exec();
        InspectContainerResponse cache = client.inspectContainerCmd(NodeContainers.name(runId, "cache")).exec();
        assertThat(Instant.parse(store.getState().getStartedAt())).as("a dependency starts first")
                .isBefore(Instant.parse(cache.getState().getStartedAt()));
        InspectContainerResponse node = client.inspectContainerCmd(NodeContainers.name(runId, "n1")).exec();
        assertThat(Instant.parse(cache.getState().getStartedAt())).as("services start before the nodes")
                .isBefore(Instant.parse(node.getState().getStartedAt()));
        assertThat(cache.getConfig().getLabels()).containsEntry(Labels.RUN, runId).containsEntry(Labels.SERVICE, "cache");
        assertThat(cache.getConfig().getHostName()).isEqualTo("cache");
        Map<String, ContainerNetwork> attached = cache.getNetworkSettings().getNetworks();
        assertThat(attached).as("a service has no agent, so no business on the control network").containsOnlyKeys(networks.dataNetwork());
        assertThat(attached.get(networks.dataNetwork()).getIpAddress()).isEqualTo(networks.serviceAddress(1)).endsWith(".201");
        assertThat(attached.get(networks.dataNetwork()).getAliases()).contains("cache");

        String json = Arrays.stream(node.getConfig().getEnv()).filter(e -> e.startsWith(AgentContract.VARIABLE + "="))
                .findFirst().orElseThrow().substring(AgentContract.VARIABLE.length() + 1);
        assertThat(AgentContract.fromJson(json).endpoints().serviceAddresses())
                .isEqualTo(Map.of("store", networks.serviceAddress(0), "cache", networks.serviceAddress(1)));
        assertThat(provider.outages()).isEmpty();

        DockerTests.await(provider.stop());
        assertThat(dir.serviceDir("cache").resolve("cache.log")).content().contains("cache up");
        assertThat(dir.serviceDir("store").resolve("store.log")).content().contains("store up");
        assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, runId)).exec()).isEmpty();
    }

    @Test
    void aServiceThatNeverGetsHealthyStopsTheStartNamingItWithItsLastLogLines() throws Exception {
        TestConfig config = DockerTests.config("""
                name: docker-test
                nodes: 1
                cluster: {provider: docker}
                workload: {name: register}
                services:
                  - name: broken
                    image: faultline/node
                    command: "echo waiting for a disk that never comes; sleep infinity"
                    health: {command: "echo not yet; exit 1", interval: 100ms, retries: 3, timeout: 5s}
                """);
        DockerProvider provider = provider(List.of("sleep", "infinity"));
        provider.prepareNetworks(runId);

        assertThatThrownBy(() -> DockerTests.await(provider.start(config, contracts(config), dir::nodeDir)))
                .rootCause()
                .hasMessageStartingWith("service broken never became healthy: its health check (sh -c echo not yet; exit 1) failed 3 times")
                .hasMessageContaining("last check: exit code 1: not yet")
                .hasMessageEndingWith("its last 30 log lines:\nwaiting for a disk that never comes");
        assertThat(client.listContainersCmd().withLabelFilter(Map.of(Labels.NODE, "n1", Labels.RUN, runId)).exec())
                .as("no node starts beside a service that is not healthy").isEmpty();

        DockerTests.await(provider.stop());
        assertThat(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, runId)).exec()).isEmpty();
    }

    private List<AgentContract> contracts(TestConfig config) {
        AgentContract.Clients clients = new AgentContract.Clients("etcd", 1000, Map.of());
        return config.nodes().stream().map(node -> new AgentContract(runId, node, config.nodes(), config.db(), clients, 10_000, null, List.of()))
                .toList();
    }

    private DockerProvider provider(List<String> command) {
        return new DockerProvider(agentJar, node -> node.equals("n1") ? tlsN1 : null, DockerProvider.AGENT_HAZELCAST_PORT,
                host -> List.of(host + ":" + CONTROL_PORT))
                .withCommand(command);
    }
}
