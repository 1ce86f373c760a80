package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoversTest {
    private DockerClient client;
    private final String crashed = DockerTests.newRunId();
    private final String going = DockerTests.newRunId();
    private final String up = DockerTests.newRunId();

    @BeforeEach
    void connect() {
        client = DockerTests.clientOrSkip();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (client == null) return;
        Leftovers.removeRun(client, crashed);
        Leftovers.removeRun(client, going);
        Leftovers.removeRun(client, up);
        client.close();
    }

    @Test
    void leftoversOfACrashedRunAreRemovedByLabel() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        leaveBehind(crashed, Labels.thisHost() + "/" + gone.pid(), Map.of());
        leaveBehind(going, Labels.thisOwner(), Map.of());
        leaveBehind(up, Labels.thisHost() + "/" + gone.pid(), Map.of(Labels.KEPT, "up"));

        Leftovers.Removed removed = Leftovers.removeAbandoned(client);

        assertThat(removed.containers()).isGreaterThanOrEqualTo(1);
        assertThat(removed.networks()).isGreaterThanOrEqualTo(1);
        assertThat(containers(crashed)).isEmpty();
        assertThat(networks(crashed)).isEmpty();
        assertThat(containers(going)).as("a run whose control still lives is not a leftover").hasSize(1);
        assertThat(networks(going)).hasSize(1);
        assertThat(containers(up)).as("what faultline up left for faultline down is not a leftover").hasSize(1);
        assertThat(networks(up)).hasSize(1);

        assertThat(Leftovers.removeRun(client, going)).isEqualTo(new Leftovers.Removed(1, 1));
        assertThat(containers(going)).isEmpty();
        assertThat(networks(going)).isEmpty();
    }

    /** A network and a running container on it, labelled as a run with that owner would label them. */
    private void leaveBehind(String runId, String owner, Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(Labels.forRun(runId));
        labels.put(Labels.OWNER, owner);
        labels.putAll(more);
        String network = Labels.prefix(runId) + "-control";
        client.createNetworkCmd().withName(network).withDriver("bridge").withLabels(labels).exec();
        String id = client.createContainerCmd("faultline/node")
                .withName(Labels.prefix(runId) + "-n1")
                .withLabels(labels)
                .withCmd("sleep", "infinity")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(network))
                .exec().getId();
        client.startContainerCmd(id).exec();
    }

    private List<?> containers(String runId) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, runId)).exec();
    }

    private List<?> networks(String runId) {
        return client.listNetworksCmd().withFilter("label", List.of(Labels.RUN + "=" + runId)).exec();
    }
}
