package io.faultline.agent.sim;

import io.faultline.fault.PartitionFamily;
import io.faultline.spi.Completion;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import static io.faultline.agent.sim.SimHarness.FIVE;
import static io.faultline.agent.sim.SimHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random register operations from random nodes under random partitions, kills and pauses. The store runs each
 * operation atomically when it completes (at once, or on resume for a paused node), and here everything runs
 * on the test's thread, so completion order is the order in which operations took effect. A plain register
 * replayed in that order must then explain every answer: that is linearizability with a known order, and it
 * implies that no acknowledged write is lost and no read returns a value never written.
 */
class SimRandomizedTest {

    private static final int STEPS = 3000;
    private static final int KEYS = 3;
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void correctStoreLosesNoAcknowledgedWriteUnderRandomFaults(long seed) {
        try (Run run = new Run(seed)) {
            run.drive();
            assertThat(run.violations).isEmpty();

            run.healEverything();
            run.readEveryKeyEverywhere();
            assertThat(run.violations).isEmpty();

            // The faults must have bitten, or the checks above prove little.
            assertThat(run.counts).containsKeys("ok write", "ok cas", "fail cas", "fail no-primary", "fail connection-refused",
                    "completed on resume");
            assertThat(run.counts.get("ok read")).isGreaterThan(300);
            assertThat(run.counts.get("ok write")).isGreaterThan(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stale-reads", "split-brain"})
    void theChecksCatchABuggyStore(String bug) {
        try (Run run = new Run(1, bug)) {
            run.drive();
            run.healEverything();
            run.readEveryKeyEverywhere();
            assertThat(run.violations).isNotEmpty();
        }
    }

    private static final class Run implements AutoCloseable {
        final SimHarness sim;
        final Random random;
        final Map<Object, Object> register = new HashMap<>();
        final Set<Object> written = new HashSet<>();
        final List<String> violations = new ArrayList<>();
        final Map<String, Integer> counts = new HashMap<>();
        long nextValue = 1;

        Run(long seed, String... bugs) {
            sim = new SimHarness(vertx, FIVE, Set.of(bugs), Map.of("data-type", "register"), null);
            random = new Random(seed);
        }

        void drive() {
            for (int step = 0; step < STEPS; step++) {
                int dice = random.nextInt(100);
                // Repairs are likelier than faults, so the cluster is sometimes whole and sometimes without a majority.
                if (dice < 88) operation();
                else if (dice < 90) partition();
                else if (dice < 93) sim.healPartitions();
                else if (dice < 95) await(sim.node(anyNode()).kill());
                else if (dice < 98) await(sim.node(anyNode(Liveness.DOWN)).start());
                else if (dice < 99) await(sim.node(anyNode()).pause());
                else await(sim.node(anyNode(Liveness.PAUSED)).resume());
            }
        }

        private void operation() {
            String node = anyNode();
            Long key = (long) random.nextInt(KEYS);
            int kind = random.nextInt(10);
            if (kind < 4) {
                submit(node, "read", key, null);
            } else if (kind < 7) {
                long value = nextValue++;
                written.add(value);
                submit(node, "write", key, value);
            } else {
                Object from = random.nextBoolean() ? register.get(key) : (Object) (long) random.nextInt((int) nextValue);
                long to = nextValue++;
                written.add(to);
                submit(node, "cas", key, Arrays.asList(from, to));
            }
        }

        private void submit(String node, String f, Long key, Object value) {
            Future<Completion> answer = sim.invoke(node, f, key, value);
            boolean stalled = !answer.isComplete();
            answer.onComplete(result -> {
                if (stalled) count("completed on resume");
                judge(f, key, value, result);
            });
        }

        /** Replays the operation on the register and reports any answer the register cannot explain. */
        private void judge(String f, Long key, Object value, AsyncResult<Completion> result) {
            if (result.failed()) {
                violations.add(f + " " + value + " on " + key + " failed: " + result.cause());
                return;
            }
            Completion c = result.result();
            Object current = register.get(key);
            String what = f + " " + value + " on key " + key + " answered " + c + " while the register held " + current;
            switch (c.type()) {
                case OK -> {
                    count("ok " + f);
                    switch (f) {
                        case "read" -> {
                            if (c.value() != null && !written.contains(c.value())) violations.add("never written: " + what);
                            if (!Objects.equals(c.value(), current)) violations.add(what);
                        }
                        case "write" -> register.put(key, value);
                        default -> {
                            List<?> fromTo = (List<?>) value;
                            if (!Objects.equals(fromTo.get(0), current)) violations.add(what);
                            register.put(key, fromTo.get(1));
                        }
                    }
                }
                case FAIL -> {
                    if (io.faultline.history.Op.COMPARE_FAILED.equals(c.error()) && f.equals("cas")) {
                        count("fail cas");
                        if (Objects.equals(((List<?>) value).get(0), current)) violations.add(what);
                    } else if (Set.of("no-primary", "connection-refused").contains(c.error())) {
                        count("fail " + c.error());
                    } else {
                        violations.add("unexpected failure: " + what);
                    }
                }
                default -> violations.add("indeterminate: " + what);
            }
        }

        /** Either a clean split in two or one node's grudge against a few others, which is not symmetric. */
        private void partition() {
            List<String> shuffled = new ArrayList<>(FIVE);
            Collections.shuffle(shuffled, random);
            if (random.nextBoolean()) {
                int cut = 1 + random.nextInt(FIVE.size() - 1);
                sim.partition(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
            } else {
                String node = shuffled.get(0);
                Set<String> dropFrom = new HashSet<>(shuffled.subList(1, 1 + random.nextInt(FIVE.size() - 1)));
                await(sim.node(node).apply(new PartitionFamily.Partition(dropFrom)));
            }
        }

        void healEverything() {
            for (String node : FIVE) {
                await(sim.node(node).resume());
                await(sim.node(node).start());
            }
            sim.healPartitions();
        }

        void readEveryKeyEverywhere() {
            for (String node : FIVE) {
                for (long key = 0; key < KEYS; key++) {
                    Completion read = sim.read(node, key);
                    if (!read.equals(Completion.ok(register.get(key)))) {
                        violations.add("after healing, key " + key + " via " + node + " read " + read
                                + " but the last acknowledged write was " + register.get(key));
                    }
                }
            }
        }

        private String anyNode() {
            return FIVE.get(random.nextInt(FIVE.size()));
        }

        /** A node in that state if there is one, so that repairs repair something. */
        private String anyNode(Liveness liveness) {
            List<String> candidates = FIVE.stream().filter(n -> sim.cluster().liveness(n) == liveness).toList();
            return candidates.isEmpty() ? anyNode() : candidates.get(random.nextInt(candidates.size()));
        }

        private void count(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        @Override
        public void close() {
            sim.close();
        }
    }
}
