package io.faultline.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualSchedulerTest {

    @Test
    void tasksRunInTimeOrderAndTiesInSchedulingOrder() {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<String> ran = new ArrayList<>();
        scheduler.at(30, () -> ran.add("c@" + scheduler.now()));
        scheduler.at(10, () -> ran.add("a@" + scheduler.now()));
        scheduler.at(10, () -> {
            ran.add("b@" + scheduler.now());
            scheduler.at(5, () -> ran.add("late@" + scheduler.now()));
        });

        scheduler.run();

        assertThat(ran).containsExactly("a@10", "b@10", "late@10", "c@30");
        assertThat(scheduler.pending()).isZero();
    }
}
