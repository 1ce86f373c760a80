package io.faultline.workload;

import io.faultline.checker.Checker;
import io.faultline.checker.CounterChecker;
import io.faultline.checker.SetChecker;
import io.faultline.checker.StatsChecker;
import io.faultline.checker.TotalQueueChecker;
import io.faultline.checker.UniqueIdsChecker;
import io.faultline.checker.linearizable.LinearizabilityChecker;
import io.faultline.checker.txn.TxnChecker;
import io.faultline.history.FailedCas;
import io.faultline.checker.model.Models;
import io.faultline.generator.Generator;
import io.faultline.generator.Generators;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.history.Op;

import java.util.List;
import java.util.Map;

/**
 * The built-in workloads, by the names configs use. Register-like workloads are checked for
 * linearizability (split by key); the others with Jepsen's set, counter, total-queue and unique-ids
 * checkers, after a final read once the cluster has healed.
 */
public final class Workloads {
    /** Every workload, registered once under the name configs use. */
    private static final List<Workload> ALL = List.of(
            new Registers("register", false),
            new Registers("cas-register", true),
            new Registers("kv", true),
            new Simple("set", "set", new Sequential("add", 0), Ops.op("read", null), new SetChecker()),
            new Counter(),
            new Simple("queue", "queue", new Sequential("enqueue", 0), Ops.op("drain", null), new TotalQueueChecker()),
            new Simple("unique-ids", "unique-ids", Generators.repeat(Ops.op("generate", null)), null, new UniqueIdsChecker()),
            new Simple("noop", "register", Generators.repeat(Ops.op("noop", null)), null, new StatsChecker()),
            new Transactional(TxnChecker.LIST_APPEND, "append", "list"),
            new Transactional(TxnChecker.RW_REGISTER, "w", "register"));

    private Workloads() {
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    public static Workload byName(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + name + "'; allowed: " + String.join(", ", names())));
    }

    /**
     * read / write / (cas) on independent registers, checked for linearizability per key. register and
     * cas-register rotate keys ({@link IndependentKeys}: {@code keys} at once, a fresh one every
     * {@code ops-per-key} operations); kv spreads its operations over {@code keys} fixed keys.
     */
    private record Registers(String name, boolean cas) implements Workload {
        private static final int VALUES = 5;

        @Override
        public Generator generator(WorkloadContext ctx) {
            Integer opsPerKey = ctx.config().opsPerKey();
            if (opsPerKey != null) return new IndependentKeys(ctx.rng().fork(), opsPerKey, ctx.config().keys(), this::operation);
            return Generators.fn(ctx.rng().fork(), (draw, c) -> operation(draw, ctx.key(draw.next())));
        }

        private Op operation(Rng draw, Object key) {
            int dice = draw.below(cas ? 3 : 2);
            // Position 1 is left to the caller (kv draws its key there).
            Rng value = draw.next().next();
            return switch (dice) {
                case 0 -> Ops.op("read", key, null);
                case 1 -> Ops.op("write", key, (long) value.below(VALUES));
                default -> Ops.op("cas", key, List.of((long) value.below(VALUES), (long) value.next().below(VALUES)));
            };
        }

        @Override
        public Generator finalGenerator(WorkloadContext ctx) {
            return null;
        }

        @Override
        public List<Checker> checkers(WorkloadContext ctx) {
            Map<String, Object> options = ctx.checkerConfig().getOrDefault("linearizable", Map.of());
            String model = (String) options.getOrDefault("model", cas ? "cas-register" : "register");
            FailedCas failedCas = FailedCas.fromName((String) options.getOrDefault("failed-cas", FailedCas.DID_NOT_HAPPEN.wireName()));
            return List.of(new LinearizabilityChecker(Models.byName(model, failedCas, Models.JEPSEN_INITIAL), ctx.checkTimeLimit()));
        }

        @Override
        public Map<String, Object> clientOptions() {
            return Map.of("data-type", "register");
        }
    }

    /** Increments and reads of a counter; reads must lie between what surely and what possibly happened. */
    private static final class Counter implements Workload {
        @Override
        public String name() {
            return "counter";
        }

        @Override
        public Generator generator(WorkloadContext ctx) {
            return Generators.mix(ctx.rng().fork(),
                    Generators.repeat(Ops.op("add", 1L)),
                    Generators.repeat(Ops.op("read", null)));
        }

        @Override
        public Generator finalGenerator(WorkloadContext ctx) {
            return Generators.once(Ops.op("read", null));
        }

        @Override
        public List<Checker> checkers(WorkloadContext ctx) {
            return List.of(new CounterChecker());
        }

        @Override
        public Map<String, Object> clientOptions() {
            return Map.of("data-type", "counter");
        }
    }

    /**
     * Elle's list-append and rw-register: transactions of writes and reads over {@code keys} active keys (at least 2),
     * checked by the checker of the same name against the consistency models of its checker section (default
     * strict-serializable).
     */
    private record Transactional(String name, String writeF, String dataType) implements Workload {
        @Override
        public Generator generator(WorkloadContext ctx) {
            return ElleTxns.start(writeF, ctx.rng().fork(), Math.max(2, ctx.config().keys()));
        }

        @Override
        public Generator finalGenerator(WorkloadContext ctx) {
            return null;
        }

        @Override
        public List<Checker> checkers(WorkloadContext ctx) {
            return List.of(TxnChecker.configured(name, ctx.checkerConfig().getOrDefault(name, Map.of()), ctx.checkTimeLimit()));
        }

        @Override
        public Map<String, Object> clientOptions() {
            return Map.of("data-type", dataType);
        }
    }

    /** A workload of one operation stream, an optional final read and one checker. */
    private record Simple(String name, String dataType, Generator ops, Op finalOp, Checker checker)
            implements Workload {
        @Override
        public Generator generator(WorkloadContext ctx) {
            return ops;
        }

        @Override
        public Generator finalGenerator(WorkloadContext ctx) {
            return finalOp == null ? null : Generators.once(finalOp);
        }

        @Override
        public List<Checker> checkers(WorkloadContext ctx) {
            return List.of(checker);
        }

        @Override
        public Map<String, Object> clientOptions() {
            return Map.of("data-type", dataType);
        }
    }
}
