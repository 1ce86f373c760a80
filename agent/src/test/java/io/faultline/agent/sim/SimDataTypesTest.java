package io.faultline.agent.sim;

import io.faultline.spi.ClientContext;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.faultline.agent.sim.SimHarness.FIVE;
import static io.faultline.agent.sim.SimHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimDataTypesTest {

    private static Vertx vertx;
    private SimHarness sim;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @AfterEach
    void stopCluster() {
        if (sim != null) sim.close();
    }

    @Test
    void setsCollectElementsAndReadThemSorted() {
        sim = SimHarness.fiveNodes(vertx, "set");
        assertThat(sim.read("n1", null)).isEqualTo(Completion.ok(List.of()));
        for (int e : new int[] {3, 1, 2, 1}) assertThat(sim.call("n" + (e + 1), "add", null, e)).isEqualTo(Completion.ok((long) e));
        assertThat(sim.read("n5", null)).isEqualTo(Completion.ok(List.of(1L, 2L, 3L)));
    }

    @Test
    void countersSumWhatIsAdded() {
        sim = SimHarness.fiveNodes(vertx, "counter");
        assertThat(sim.read("n1", null)).isEqualTo(Completion.ok(0L));
        assertThat(sim.call("n1", "add", null, 5)).isEqualTo(Completion.ok(5L));
        assertThat(sim.call("n2", "add", null, -2L)).isEqualTo(Completion.ok(-2L));
        assertThat(sim.read("n3", null)).isEqualTo(Completion.ok(3L));
    }

    @Test
    void queuesAreFifoAndDrainEmptiesThem() {
        sim = SimHarness.fiveNodes(vertx, "queue");
        for (String v : List.of("a", "b", "c")) assertThat(sim.call("n1", "enqueue", null, v)).isEqualTo(Completion.ok(v));
        assertThat(sim.call("n2", "dequeue", null, null)).isEqualTo(Completion.ok("a"));
        assertThat(sim.call("n3", "drain", null, null)).isEqualTo(Completion.ok(List.of("b", "c")));
        assertThat(sim.call("n4", "dequeue", null, null)).isEqualTo(Completion.fail(null, "empty"));
        assertThat(sim.call("n5", "drain", null, null)).isEqualTo(Completion.ok(List.of()));
    }

    @Test
    void uniqueIdsAreUniqueAcrossNodes() {
        sim = SimHarness.fiveNodes(vertx, "unique-ids");
        List<Object> ids = new ArrayList<>();
        for (String node : FIVE) ids.add(sim.call(node, "generate", null, null).value());
        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anUnknownFIsReportedWithTheAllowedOnes() {
        sim = SimHarness.fiveNodes(vertx, "queue");
        Future<Completion> answer = sim.invoke("n1", "push", null, 1);
        assertThat(answer.failed()).isTrue();
        assertThat(answer.cause()).hasMessageContaining("'push'").hasMessageContaining("enqueue, dequeue, drain");
    }

    @Test
    void malformedValuesAreRejectedBeforeAnythingHappens() {
        sim = SimHarness.fiveNodes(vertx, "register");
        assertThat(sim.invoke("n1", "cas", "k", 1).cause()).hasMessageContaining("cas needs a value [from to]");
        assertThat(sim.read("n1", "k")).isEqualTo(Completion.ok(null));
    }

    @Test
    void aCounterAddsOnlyIntegers() {
        sim = SimHarness.fiveNodes(vertx, "counter");
        assertThat(sim.invoke("n1", "add", null, "x").cause()).hasMessageContaining("a counter adds integers");
    }

    @Test
    void theWorkloadNameImpliesTheDataTypeWhenNoneIsDeclared() {
        assertThat(DataType.fromOptions(Map.of("name", "set"))).isEqualTo(DataType.SET);
        assertThat(DataType.fromOptions(Map.of("name", "total-queue"))).isEqualTo(DataType.QUEUE);
        assertThat(DataType.fromOptions(Map.of("name", "counter", "data-type", "set"))).isEqualTo(DataType.SET);
        assertThat(DataType.fromOptions(Map.of())).isEqualTo(DataType.REGISTER);
    }

    @Test
    void anUnknownDataTypeIsRejectedWhenTheClientOpens() {
        ClientContext context = new ClientContext(vertx, "r", "n1", FIVE, null, Map.of("data-type", "graph"));
        assertThatThrownBy(() -> new SimClientFactory().open(context))
                .hasMessageContaining("unknown data-type 'graph'").hasMessageContaining("register, set, counter, queue, list, unique-ids");
    }

    @Test
    void aRegisterClientSuggestsTheDataTypeOptionForOtherFs() {
        sim = new SimHarness(vertx, FIVE, Set.of(), Map.of(), null);
        assertThat(sim.invoke("n1", "add", null, 1).cause()).hasMessageContaining("read, write, cas").hasMessageContaining("data-type");
    }

    @Test
    void aClientBeforeSetupSaysTheStoreIsNotSetUp() {
        var client = new SimClientFactory().open(new ClientContext(vertx, "no-such-run", "n1", FIVE, null, Map.of()));
        assertThat(client.invoke(new Invocation(0, "read", null, null)).cause()).hasMessageContaining("not set up");
    }
}
