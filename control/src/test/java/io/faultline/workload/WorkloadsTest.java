package io.faultline.workload;

import io.faultline.config.WorkloadConfig;
import io.faultline.generator.GeneratorSimulator;
import io.faultline.generator.Rng;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadsTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    private static List<Op> invocations(String workload, int keys, Integer opsPerKey, int concurrency, long seed, int ops) {
        WorkloadConfig config = new WorkloadConfig(workload, "sim", keys, opsPerKey, null, Duration.ofSeconds(1), Map.of());
        WorkloadContext ctx = new WorkloadContext(config, Rng.seeded(seed), NODES, concurrency, Map.of(), Duration.ofSeconds(10));
        // Latencies that differ by process, so threads finish out of step as they would against a real store.
        List<Op> history = GeneratorSimulator.simulate(Workloads.byName(workload).generator(ctx), concurrency,
                op -> Duration.ofMillis(1 + op.process() % 4), op -> OpType.OK, ops);
        return history.stream().filter(op -> op.type() == OpType.INVOKE).toList();
    }

    @Test
    void registerMovesToAFreshKeyEveryOpsPerKeyOperations() {
        List<Op> ops = invocations("register", 2, 10, 6, 42, 100);
        assertThat(ops).hasSize(100);
        Map<Object, Integer> perKey = new HashMap<>();
        Map<Object, Set<Integer>> threadsPerKey = new HashMap<>();
        for (Op op : ops) {
            perKey.merge(op.key(), 1, Integer::sum);
            threadsPerKey.computeIfAbsent(op.key(), k -> new TreeSet<>()).add(op.process() % 6);
        }
        // Each group fills a key before it starts the next one (the groups need not keep pace with each other).
        assertThat(perKey.values()).allSatisfy(n -> assertThat(n).isBetween(1, 10));
        for (int group = 0; group < 2; group++) {
            int g = group;
            List<Integer> rounds = perKey.keySet().stream().map(k -> Integer.parseInt(((String) k).substring(1)))
                    .filter(n -> n % 2 == g).sorted().toList();
            for (int i = 0; i < rounds.size(); i++) {
                assertThat(rounds.get(i)).isEqualTo(i * 2 + g);
                if (i < rounds.size() - 1) assertThat(perKey.get("k" + rounds.get(i))).isEqualTo(10);
            }
        }
        // Two groups of consecutive threads: 0-2 on the even keys, 3-5 on the odd ones.
        assertThat(threadsPerKey.get("k0")).isSubsetOf(0, 1, 2);
        assertThat(threadsPerKey.get("k1")).isSubsetOf(3, 4, 5);
        assertThat(threadsPerKey.get("k8")).isSubsetOf(0, 1, 2);
        // Never more than two keys in use at once: a key's last op comes before the group's next key starts.
        for (int group = 0; group < 2; group++) {
            int lastOfPrevious = -1;
            for (int round = 0; perKey.containsKey("k" + (round * 2 + group)); round++) {
                String key = "k" + (round * 2 + group);
                int first = firstIndex(ops, key);
                assertThat(first).isGreaterThan(lastOfPrevious);
                lastOfPrevious = lastIndex(ops, key);
            }
        }
    }

    @Test
    void casRegisterKeysAreReadWrittenAndCasedThroughEveryNodesThreads() {
        List<Op> ops = invocations("cas-register", 1, 200, 6, 7, 600);
        Set<Object> keys = new HashSet<>();
        Set<String> fs = new HashSet<>();
        for (Op op : ops) {
            keys.add(op.key());
            fs.add(op.f());
        }
        assertThat(keys).containsExactlyInAnyOrder("k0", "k1", "k2");
        assertThat(fs).containsExactlyInAnyOrder("read", "write", "cas");
        assertThat(ops.stream().filter(op -> op.key().equals("k0")).map(op -> op.process() % 6).distinct().count()).isEqualTo(6);
    }

    @Test
    void aSeedReplaysTheSameOperations() {
        List<Op> a = invocations("cas-register", 2, 20, 6, 42, 200);
        List<Op> b = invocations("cas-register", 2, 20, 6, 42, 200);
        List<Op> c = invocations("cas-register", 2, 20, 6, 43, 200);
        assertThat(describe(a)).isEqualTo(describe(b)).isNotEqualTo(describe(c));
    }

    @Test
    void moreKeysThanThreadsGivesEachThreadItsOwnKey() {
        List<Op> ops = invocations("register", 8, 5, 3, 1, 30);
        for (Op op : ops) {
            long n = Long.parseLong(((String) op.key()).substring(1));
            assertThat(n % 3).isEqualTo(op.process() % 3);
        }
    }

    @Test
    void kvSpreadsOverItsFixedKeys() {
        List<Op> ops = invocations("kv", 4, null, 6, 42, 200);
        assertThat(ops.stream().map(Op::key).distinct()).containsExactlyInAnyOrder("k0", "k1", "k2", "k3");
    }

    private static List<String> describe(List<Op> ops) {
        return ops.stream().map(op -> op.process() + " " + op.f() + " " + op.key() + " " + op.value()).toList();
    }

    private static int firstIndex(List<Op> ops, String key) {
        for (int i = 0; i < ops.size(); i++) if (key.equals(ops.get(i).key())) return i;
        return -1;
    }

    private static int lastIndex(List<Op> ops, String key) {
        for (int i = ops.size() - 1; i >= 0; i--) if (key.equals(ops.get(i).key())) return i;
        return -1;
    }
}
