package io.faultline.control;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.protocol.Fault;
import io.faultline.protocol.Messages.ApplyFault;
import io.faultline.protocol.Messages.HealAll;
import io.faultline.protocol.Messages.HealFault;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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

    @SuppressWarnings("unchecked")
    private Future<Void> execute(Op op) {
        Object value = op.value();
        return switch (op.f()) {
            case "start-partition" -> {
                Map<String, List<String>> drop = (Map<String, List<String>>) ((Map<String, Object>) value).get("drop");
                List<Future<?>> applied = new ArrayList<>();
                drop.forEach((node, from) -> applied.add(apply(node, new Fault.Partition(new HashSet<>(from)))));
                yield Future.all(applied).mapEmpty();
            }
            case "kill" -> applyTo((List<String>) value, new Fault.Kill());
            case "pause" -> applyTo((List<String>) value, new Fault.Pause());
            case "clock-bump" -> {
                List<Future<?>> applied = new ArrayList<>();
                ((Map<String, Number>) value).forEach((node, offset) -> applied.add(apply(node, new Fault.ClockOffset(offset.longValue()))));
                yield Future.all(applied).mapEmpty();
            }
            case "clock-strobe" -> {
                List<Future<?>> applied = new ArrayList<>();
                ((Map<String, Map<String, Number>>) value).forEach((node, strobe) -> applied.add(apply(node,
                        new Fault.ClockStrobe(strobe.get("delta").longValue(), strobe.get("period").longValue()))));
                yield Future.all(applied).mapEmpty();
            }
            case "packet-start" -> {
                Map<String, Object> spec = (Map<String, Object>) value;
                List<String> nodes = (List<String>) spec.get("nodes");
                Future<Void> loss = applyTo(nodes, new Fault.PacketLoss(((Number) spec.get("loss")).doubleValue()));
                if (!spec.containsKey("delay-ms") && !spec.containsKey("duplicate") && !spec.containsKey("reorder")) yield loss;
                Fault netem = new Fault.Netem(number(spec, "delay-ms").longValue(), number(spec, "duplicate").doubleValue(),
                        number(spec, "reorder").doubleValue());
                yield Future.all(loss, applyTo(nodes, netem)).mapEmpty();
            }
            case "stop-partition" -> healEverywhere("partition");
            case "start" -> healEverywhere("kill");
            case "resume" -> healEverywhere("pause");
            case "clock-reset" -> healEverywhere("clock");
            case "packet-stop" -> Future.all(healEverywhere("packet"), healEverywhere("netem")).mapEmpty();
            default -> Future.failedFuture("unknown nemesis op '" + op.f() + "'");
        };
    }

    private static Number number(Map<String, Object> spec, String key) {
        return spec.get(key) instanceof Number n ? n : 0;
    }

    private Future<Void> applyTo(List<String> nodes, Fault fault) {
        List<Future<?>> applied = new ArrayList<>();
        for (String node : nodes) applied.add(apply(node, fault));
        return Future.all(applied).mapEmpty();
    }

    private Future<?> apply(String node, Fault fault) {
        return agents.command(node, new ApplyFault(fault), COMMAND_TIMEOUT);
    }

    private Future<Void> healEverywhere(String kind) {
        return agents.commandAll(new HealFault(kind), COMMAND_TIMEOUT).mapEmpty();
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("grudge")) return map.get("grudge") + " " + map.get("drop");
        return value == null ? "" : value.toString();
    }
}
