package io.faultline.nemesis;

import io.faultline.config.ConfigLoader;
import io.faultline.config.ServiceConfig;
import io.faultline.config.TestConfig;
import io.faultline.fault.Fault;
import io.faultline.fault.FaultFamily;
import io.faultline.fault.Grudges;
import io.faultline.fault.PartitionFamily;
import io.faultline.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The example with ZooKeeper and Kafka beside etcd: whatever the nemesis draws, no service is a target or dropped. */
class ServicesAreNeverFaultedTest {

    @Test
    void noGrudgeOrFaultOfTheExampleEverNamesAService() throws Exception {
        TestConfig config = example();
        List<String> services = config.services().stream().map(ServiceConfig::name).toList();
        assertThat(services).containsExactly("zookeeper", "kafka");
        NemesisSchedule.Plan plan = NemesisSchedule.Plan.forConfig(config);
        assertThat(plan.nodes()).containsExactly("n1", "n2", "n3");

        int partitions = 0;
        for (long seed = 0; seed < 2_000; seed++) {
            for (NemesisSchedule.Chosen chosen : plan.families()) {
                FaultFamily.Action action = chosen.start(plan.nodes(), new SplittableRandom(seed));
                FaultFamily.Start start = (FaultFamily.Start) action.value();
                assertThat(start.faults().keySet()).as("targets of %s", action.f()).doesNotContainAnyElementsOf(services);
                for (List<Fault> faults : start.faults().values()) {
                    for (Fault fault : faults) {
                        if (fault instanceof PartitionFamily.Partition p) {
                            partitions++;
                            assertThat(p.dropFrom()).as("grudge of %s", start.shown()).doesNotContainAnyElementsOf(services);
                            assertThat(p.fromServices()).as("cut from the services without isolate-from-services").isFalse();
                        }
                    }
                }
                String shown = Json.MAPPER.writeValueAsString(start.shown());
                for (String service : services) assertThat(shown).as("the history's %s op", action.f()).doesNotContain(service);
            }
        }
        assertThat(partitions).as("partitions were drawn").isGreaterThan(1_000);
        for (String grudge : Grudges.drawn()) {
            Map<String, Set<String>> drop = Grudges.byName(grudge, plan.nodes(), new SplittableRandom(1));
            assertThat(drop.keySet()).doesNotContainAnyElementsOf(services);
        }
    }

    private static TestConfig example() throws Exception {
        Path file = Path.of("../docker/examples/etcd-with-services.yaml");
        assertThat(file).as("run from the control module").exists();
        return ConfigLoader.load(file, List.of(), Map.of()).config();
    }
}
