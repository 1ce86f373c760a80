package io.faultline.agent.sim;

import io.faultline.fault.PartitionFamily;
import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated cluster driven directly, as the agents of a local run would drive it, minus the event bus. */
final class SimHarness implements AutoCloseable {

    static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    final String runId = "run-" + UUID.randomUUID();
    final List<String> names;
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final Map<String, Client> clients = new LinkedHashMap<>();

    SimHarness(Vertx vertx, List<String> names, Set<String> bugs, Map<String, Object> options, Path logDir) {
        this.names = names;
        SimClientFactory factory = new SimClientFactory();
        for (String name : names) {
            SimNode node = new SimNode(vertx, runId, name, names, bugs, logDir);
            await(node.setup());
            nodes.put(name, node);
            clients.put(name, factory.open(new ClientContext(vertx, runId, name, names, null, options)));
        }
    }

    static SimHarness fiveNodes(Vertx vertx, String... bugs) {
        return new SimHarness(vertx, FIVE, Set.of(bugs), Map.of(), null);
    }

    static SimHarness fiveNodes(Vertx vertx, String dataType) {
        return new SimHarness(vertx, FIVE, Set.of(), Map.of("data-type", dataType), null);
    }

    SimNode node(String name) {
        return nodes.get(name);
    }

    SimCluster cluster() {
        return SimCluster.find(runId).orElseThrow();
    }

    Future<Completion> invoke(String node, String f, Object key, Object value) {
        return clients.get(node).invoke(new Invocation(0, f, key, value));
    }

    /** An operation that must complete at once: the simulated store answers synchronously unless paused. */
    Completion call(String node, String f, Object key, Object value) {
        Future<Completion> future = invoke(node, f, key, value);
        assertThat(future.isComplete()).as("%s %s at %s completed", f, value, node).isTrue();
        return future.result();
    }

    Completion read(String node, Object key) {
        return call(node, "read", key, null);
    }

    Completion write(String node, Object key, Object value) {
        return call(node, "write", key, value);
    }

    /** Each node drops traffic from every node outside its group: a clean split into the given groups. */
    @SafeVarargs
    final void partition(List<String>... groups) {
        for (List<String> group : groups) {
            Set<String> others = new HashSet<>(names);
            group.forEach(others::remove);
            for (String member : group) await(node(member).apply(new PartitionFamily.Partition(others)));
        }
    }

    void healPartitions() {
        names.forEach(n -> await(node(n).heal("partition")));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not succeed: " + e, e);
        }
    }

    static List<String> group(String... members) {
        return Arrays.asList(members);
    }

    @Override
    public void close() {
        nodes.values().forEach(n -> await(n.teardown()));
        SimCluster.remove(runId);
    }
}
