package io.faultline.provision.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.faultline.config.ConfigLoader;
import io.faultline.config.TestConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files under docker/deploy, checked offline: they parse, carry the fields the engines require, and
 * name the same nodes, ports and secrets as the configs they run.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("../docker/deploy");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<JsonNode> documents(String file) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(DEPLOY.resolve(file).toFile())) {
            while (docs.hasNext()) all.add(docs.next());
        }
        for (JsonNode doc : all) {
            assertThat(doc.path("apiVersion").asText()).as("%s: apiVersion", file).isNotEmpty();
            assertThat(doc.path("kind").asText()).as("%s: kind", file).isNotEmpty();
            assertThat(doc.path("metadata").path("name").asText()).as("%s: metadata.name of a %s", file, doc.path("kind")).isNotEmpty();
            assertThat(doc.path("metadata").path("namespace").asText()).as("%s: namespace", file).isEqualTo("faultline");
        }
        return all;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theStatefulSetsPodsAreTheNodesTheControlsTestNames() throws Exception {
        List<JsonNode> agents = documents("kubernetes/agents.yaml");
        List<JsonNode> control = documents("kubernetes/control.yaml");
        JsonNode set = kind(agents, "StatefulSet", "agent");
        JsonNode headless = kind(agents, "Service", set.path("spec").path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).as("a headless Service").isEqualTo("None");
        JsonNode podLabels = set.path("spec").path("template").path("metadata").path("labels");
        set.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).as("selector %s", e.getKey()).isEqualTo(e.getValue()));
        headless.path("spec").path("selector").fields()
                .forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).as("Service selector %s", e.getKey()).isEqualTo(e.getValue()));

        TestConfig test = ConfigLoader.parse(kind(control, "ConfigMap", "faultline-test").path("data").path("test.yaml").asText(),
                "faultline-test", List.of(), Map.of()).config();
        int replicas = set.path("spec").path("replicas").asInt();
        assertThat(test.cluster().provider()).isEqualTo("external");
        assertThat(test.nodes()).as("pods are <StatefulSet>-<ordinal>")
                .isEqualTo(IntStream.range(0, replicas).mapToObj(i -> set.path("metadata").path("name").asText() + "-" + i).toList());

        JsonNode agent = set.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(texts(agent.path("securityContext").path("capabilities").path("add"))).contains("NET_ADMIN");
        List<String> args = texts(agent.path("args"));
        assertThat(args).containsSubsequence("--node", "$(POD_NAME)").contains("--persistent");
        String joinAt = args.get(args.indexOf("--join") + 1);
        JsonNode token = agent.path("env").findParent("secretKeyRef").path("secretKeyRef");
        assertThat(token.path("name").asText() + "/" + token.path("key").asText()).isEqualTo("faultline-join/token");

        JsonNode controlService = kind(control, "Service", joinAt.substring(0, joinAt.indexOf('.')));
        int port = test.cluster().join().bind().port();
        assertThat(joinAt).endsWith(":" + test.cluster().join().advertise().port());
        assertThat(controlService.path("spec").path("ports").findValues("port").stream().map(JsonNode::asText).toList())
                .as("the join endpoint, Hazelcast and the event bus").containsExactly(
                        String.valueOf(port), String.valueOf(port + 1), String.valueOf(port + 2));
        JsonNode job = kind(control, "Job", "faultline-control");
        JsonNode jobLabels = job.path("spec").path("template").path("metadata").path("labels");
        controlService.path("spec").path("selector").fields()
                .forEachRemaining(e -> assertThat(jobLabels.path(e.getKey())).as("control Service selector").isEqualTo(e.getValue()));
        JsonNode jobSpec = job.path("spec").path("template").path("spec");
        assertThat(jobSpec.path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(jobSpec.path("volumes").findValues("secretName").stream().map(JsonNode::asText)).containsExactly(token.path("name").asText());
        assertThat(jobSpec.path("volumes").findValues("claimName").stream().map(JsonNode::asText)).containsExactly(
                kind(control, "PersistentVolumeClaim", "faultline-store").path("metadata").path("name").asText());
    }

    @Test
    void theSwarmStackRunsOneAgentWithNetAdminPerNodeOfItsTest() throws Exception {
        // SnakeYAML applies merge keys (<<: *agent) as docker stack deploy does; Jackson's YAML reader does not.
        JsonNode stack = YAML.valueToTree(new org.yaml.snakeyaml.Yaml().load(Files.readString(DEPLOY.resolve("compose.yaml"))));
        TestConfig test = ConfigLoader.parse(Files.readString(DEPLOY.resolve("swarm-etcd-register.yaml")), "swarm-etcd-register.yaml",
                List.of(), Map.of()).config();
        List<String> services = new ArrayList<>();
        stack.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).isEqualTo(test.nodes());
        for (String node : services) {
            JsonNode service = stack.path("services").path(node);
            assertThat(texts(service.path("cap_add"))).as(node).contains("NET_ADMIN");
            List<String> command = texts(service.path("command"));
            assertThat(command).containsSubsequence("--node", node).contains("--persistent");
            assertThat(command.get(command.indexOf("--join") + 1)).isEqualTo(test.cluster().join().advertise().toString());
            assertThat(texts(service.path("networks"))).containsExactly("control", "data");
        }
        assertThat(stack.path("networks").path("control").path("attachable").asBoolean()).as("the control attaches from docker run").isTrue();
    }
}
