package io.faultline.control;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.fault.Fault;
import io.faultline.fault.FaultFamily;
import io.faultline.protocol.Messages.ApplyFault;
import io.faultline.protocol.Messages.FindPrimary;
import io.faultline.protocol.Messages.HealAll;
import io.faultline.protocol.Messages.HealFault;
import io.faultline.protocol.Messages.Reply;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out nemesis ops: sends each target agent its part of the fault and records the op, invocation
 * and completion, in the history. A start aimed at the primary first asks every agent's db which node leads and
 * hits the one most of them name; its completion records the start carried out, so the history names that node.
 * A nemesis action that fails is recorded as {@code info} with the error, and the run can no longer be trusted:
 * its verdict becomes unknown (DESIGN.md decision 5).
 */
public final class Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    /** Longer than the agents' own wait for their db (2 s), so a paused or cut-off db shows as its agent's error. */
    private static final Duration PRIMARY_TIMEOUT = Duration.ofSeconds(5);

    private final Agents agents;
    private final HistoryRecorder recorder;
    private final List<String> failures = new ArrayList<>();

    public Nemesis(Agents agents, HistoryRecorder recorder) {
        this.agents = agents;
        this.recorder = recorder;
    }

    /** Performs {@code op} and hands its recorded completion to {@code completed}. */
    public void invoke(Op op, Consumer<Op> completed) {
        recorder.recordLocal(op);
        execute(op).onComplete(done -> {
            Op completion;
            if (done.succeeded()) {
                LOG.info("nemesis: {} {}", op.f(), describe(op.value(), done.result()));
                completion = new Op(-1, 0, OpType.OK, Op.NEMESIS, op.f(), done.result(), null, null, null, null);
            } else {
                String error = done.cause().getMessage();
                failures.add(op.f() + ": " + error);
                LOG.error("nemesis: {} failed: {}", op.f(), error);
                completion = new Op(-1, 0, OpType.INFO, Op.NEMESIS, op.f(), op.value(), null, null, error, null);
            }
            completed.accept(recorder.recordLocal(completion));
        });
    }

    /** Heals every fault on every node, recorded as one nemesis op. */
    public Future<Void> healAll() {
        Op invoke = new Op(-1, 0, OpType.INVOKE, Op.NEMESIS, "heal-all", null, null, null, null, null);
        recorder.recordLocal(invoke);
        return agents.commandAll(new HealAll(), COMMAND_TIMEOUT).<Void>mapEmpty()
                .onSuccess(v -> recorder.recordLocal(new Op(-1, 0, OpType.OK, Op.NEMESIS, "heal-all", null, null, null, null, null)))
                .onFailure(e -> {
                    failures.add("heal-all: " + e.getMessage());
                    recorder.recordLocal(new Op(-1, 0, OpType.INFO, Op.NEMESIS, "heal-all", null, null, null, e.getMessage(), null));
                });
    }

    /** Why the nemesis cannot be trusted, or an empty list. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Completes with the value the completion records: the start carried out, or the stop. */
    private Future<Object> execute(Op op) {
        if (op.value() instanceof FaultFamily.AtPrimary aimed) {
            return primary().compose(primary -> {
                if (primary == null) LOG.info("nemesis: {} aimed at the primary, but no node leads now: it hits no one", op.f());
                FaultFamily.Start start = aimed.aim().apply(primary);
                return start(start).map(start);
            });
        }
        if (op.value() instanceof FaultFamily.Start start) return start(start).map(op.value());
        if (op.value() instanceof FaultFamily.Stop stop) {
            List<Future<?>> done = new ArrayList<>();
            stop.kinds().forEach(kind -> done.add(agents.commandAll(new HealFault(kind), COMMAND_TIMEOUT)));
            return Future.all(done).map(op.value());
        }
        return Future.failedFuture("nemesis op '" + op.f() + "' is neither a fault family's start nor its stop");
    }

    private Future<Void> start(FaultFamily.Start start) {
        List<Future<?>> done = new ArrayList<>();
        start.faults().forEach((node, faults) -> faults.forEach(fault -> done.add(apply(node, fault))));
        return Future.all(done).mapEmpty();
    }

    /**
     * The node most agents' dbs name as leader (ties to the first node in order), or null when none names one. A db
     * that cannot answer (paused, killed) does not vote; when none can, the fault cannot be aimed and fails.
     */
    private Future<String> primary() {
        Map<String, Future<Reply>> asked = new LinkedHashMap<>();
        for (String node : agents.nodes()) asked.put(node, agents.command(node, new FindPrimary(), PRIMARY_TIMEOUT));
        return Future.join(new ArrayList<>(asked.values())).transform(done -> {
            List<String> errors = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            asked.forEach((node, reply) -> {
                if (reply.succeeded()) answers.add(reply.result().primary());
                else errors.add(reply.cause().getMessage());
            });
            if (answers.isEmpty()) return Future.failedFuture("no db said which node leads: " + String.join("; ", errors));
            return Future.succeededFuture(mostNamed(answers, agents.nodes()));
        });
    }

    /** The node named most often among {@code answers}, ties broken by {@code nodes}' order; a null ("no leader now") names no one. */
    static String mostNamed(List<String> answers, List<String> nodes) {
        String best = null;
        long bestVotes = 0;
        for (String node : nodes) {
            long votes = answers.stream().filter(node::equals).count();
            if (votes > bestVotes) {
                best = node;
                bestVotes = votes;
            }
        }
        return best;
    }

    private Future<?> apply(String node, Fault fault) {
        return agents.command(node, new ApplyFault(fault), COMMAND_TIMEOUT);
    }

    /** The op as its log line shows it: a grudge names itself (primary among them), targets aimed at the primary say so. */
    private static String describe(Object planned, Object done) {
        Object shown = done instanceof FaultFamily.Start start ? start.shown() : null;
        if (shown instanceof Map<?, ?> map && map.containsKey("grudge")) return map.get("grudge") + " " + map.get("drop");
        String aimed = planned instanceof FaultFamily.AtPrimary ? "primary " : "";
        return shown == null ? "" : aimed + shown;
    }
}
