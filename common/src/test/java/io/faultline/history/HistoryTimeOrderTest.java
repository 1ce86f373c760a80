package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTimeOrderTest {

    /** The rule itself, the plain way: repeatedly take the least next op of any process. */
    private static List<Op> reference(History h) {
        Map<Integer, ArrayDeque<Op>> byProcess = new LinkedHashMap<>();
        for (Op op : h) byProcess.computeIfAbsent(op.process(), p -> new ArrayDeque<>()).add(op);
        Comparator<Op> order = Comparator.comparingLong(Op::time).thenComparingInt((Op op) -> op.isInvoke() ? 0 : 1)
                .thenComparingLong(Op::index);
        List<Op> out = new ArrayList<>();
        while (out.size() < h.size()) {
            ArrayDeque<Op> least = null;
            for (ArrayDeque<Op> q : byProcess.values()) {
                if (!q.isEmpty() && (least == null || order.compare(q.peek(), least.peek()) < 0)) least = q;
            }
            out.add(least.poll());
        }
        return out;
    }

    /** Ops of several processes, each invoking after its last completion, stamped with some jitter. */
    private static History random(Random random, int pairs, int processes, long jitter) {
        long[] free = new long[processes];
        Arrays.fill(free, 100);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            int p = random.nextInt(processes);
            long invoke = free[p] + random.nextInt(5);
            long complete = invoke + random.nextInt(20);
            free[p] = complete;
            long w = jitter == 0 ? 0 : random.nextLong(jitter + 1);
            ops.add(Op.invoke(p, "read", null).withTime(invoke - w));
            ops.add(Op.ok(p, "read", 1L).withTime(complete + w));
        }
        // Arrival order: sorted by true time with a little shuffling, as agents' batches interleave.
        for (int i = 0; i + 1 < ops.size(); i++) {
            if (random.nextInt(10) == 0 && ops.get(i).process() != ops.get(i + 1).process()) {
                Op a = ops.get(i);
                ops.set(i, ops.get(i + 1));
                ops.set(i + 1, a);
            }
        }
        return History.of(ops);
    }

    @Test
    void mergesTheProcessesByTimeKeepingEachProcessInItsOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            History h = random(random, 1 + random.nextInt(300), 1 + random.nextInt(12), round % 3 == 0 ? 0 : random.nextInt(15));
            History ordered = h.inTimeOrder();
            assertThat(ordered.ops()).as("round %d", round).isEqualTo(reference(h));
            for (int i = 0; i < ordered.size(); i++) {
                assertThat(ordered.line(i)).isEqualTo(ordered.get(i).index() + 1);
            }
        }
    }

    @Test
    void leavesAHistoryInOrderAsItIs() {
        History h = History.of(Op.invoke(0, "read", null).withTime(1), Op.invoke(1, "read", null).withTime(1),
                Op.ok(0, "read", 1L).withTime(3), Op.ok(1, "read", 1L).withTime(3));
        assertThat(h.inTimeOrder()).isSameAs(h);
        History untimed = History.of(Op.ok(0, "read", 1L), Op.invoke(0, "read", null));
        assertThat(untimed.inTimeOrder()).isSameAs(untimed);
    }
}
