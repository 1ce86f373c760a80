package io.faultline.nemesis;

import io.faultline.config.Node;
import io.faultline.fault.FaultFamily;
import io.faultline.generator.Context;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NemesisScheduleTest {

    /** Counts the faults it plans; each plan draws targets, which costs what a grudge costs. */
    private static final class CountingFamily implements FaultFamily<Object> {
        int planned;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public List<String> keys() {
            return List.of();
        }

        @Override
        public Object bind(Node nemesis, int nodeCount) {
            return null;
        }

        @Override
        public Set<String> kinds(Object settings) {
            return Set.of("counting");
        }

        @Override
        public Action start(Object settings, List<String> nodes, SplittableRandom random) {
            planned++;
            return new Action("start-counting", new Start(nodes.get(random.nextInt(nodes.size())), Map.of()));
        }

        @Override
        public Action stop() {
            return new Action("stop-counting", new Stop(Set.of("counting")));
        }
    }

    @Test
    void plansAFaultOnlyWhenTheNemesisIsFreeToStartIt() {
        CountingFamily family = new CountingFamily();
        NemesisSchedule.Plan plan = new NemesisSchedule.Plan(List.of(new NemesisSchedule.Chosen(family, null)),
                List.of("n1", "n2", "n3"), Duration.ofMillis(100));
        NemesisSchedule due = new NemesisSchedule(Rng.seeded(7), plan, 1, null);
        Context busy = Context.initial(4).nemesisOnly().busy(Context.NEMESIS_THREAD);

        for (int ask = 0; ask < 1_000; ask++) assertThat(due.next(busy).isPending()).isTrue();
        assertThat(family.planned).as("faults planned while the nemesis was busy").isZero();

        Step free = due.next(Context.initial(4).nemesisOnly());
        assertThat(free.op().f()).isEqualTo("start-counting");
        assertThat(free.op().process()).isEqualTo(Op.NEMESIS);
        assertThat(family.planned).isEqualTo(1);
        assertThat(due.next(Context.initial(4).nemesisOnly()).op().value())
                .as("the same schedule plans the same fault: the seed replays").isEqualTo(free.op().value());
    }
}
