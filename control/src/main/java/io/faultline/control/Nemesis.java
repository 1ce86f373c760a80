package io.faultline.control;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.fault.Fault;
import io.faultline.fault.FaultFamily;
import io.faultline.protocol.Messages.ApplyFault;
import io.faultline.protocol.Messages.HealAll;
import io.faultline.protocol.Messages.HealFault;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out nemesis ops: sends each target agent its part of the fault and records the op, invocation
 * and completion, in the history. A nemesis action that fails is recorded as {@code info} with the error,
 * and the run can no longer be trusted: its verdict becomes unknown (DESIGN.md decision 5).
 */
public final class Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

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
                LOG.info("nemesis: {} {}", op.f(), describe(op.value()));
                completion = new Op(-1, 0, OpType.OK, Op.NEMESIS, op.f(), op.value(), null, null, null, null);
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

    private Future<Void> execute(Op op) {
        List<Future<?>> done = new ArrayList<>();
        if (op.value() instanceof FaultFamily.Start start) {
            start.faults().forEach((node, faults) -> faults.forEach(fault -> done.add(apply(node, fault))));
        } else if (op.value() instanceof FaultFamily.Stop stop) {
            stop.kinds().forEach(kind -> done.add(agents.commandAll(new HealFault(kind), COMMAND_TIMEOUT)));
        } else {
            return Future.failedFuture("nemesis op '" + op.f() + "' is neither a fault family's start nor its stop");
        }
        return Future.all(done).mapEmpty();
    }

    private Future<?> apply(String node, Fault fault) {
        return agents.command(node, new ApplyFault(fault), COMMAND_TIMEOUT);
    }

    private static String describe(Object value) {
        Object shown = value instanceof FaultFamily.Start start ? start.shown() : null;
        if (shown instanceof Map<?, ?> map && map.containsKey("grudge")) return map.get("grudge") + " " + map.get("drop");
        return shown == null ? "" : shown.toString();
    }
}
