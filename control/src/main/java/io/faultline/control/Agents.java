package io.faultline.control;

import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.AgentHello;
import io.faultline.protocol.Messages.Command;
import io.faultline.protocol.Messages.Heartbeat;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.faultline.protocol.Messages.Reply;
import io.faultline.protocol.Messages.Welcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;

/**
 * The control's view of its agents: who registered, commands to one or all of them, operation batches,
 * and the heartbeat that keeps their fault leases alive.
 */
public final class Agents {
    private static final Logger LOG = LoggerFactory.getLogger(Agents.class);

    private final Vertx vertx;
    private final Addresses addresses;
    private final List<String> nodes;
    private final long leaseMillis;
    private final Map<String, AgentHello> registered = new LinkedHashMap<>();
    private final Promise<Void> allRegistered = Promise.promise();
    private final TurnBatches outgoing;
    /** Per node: the number below which all its event batches have arrived, as the next batch to it will say. */
    private final Map<String, Long> eventsReceivedBelow = new HashMap<>();
    /** Nodes whose acknowledgement moved (or was asked for again) since the last batch sent to them. */
    private Set<String> acknowledgementDue = new HashSet<>();
    private MessageConsumer<AgentHello> registrations;
    private long heartbeatTimer = -1;

    public Agents(Vertx vertx, Context context, Addresses addresses, List<String> nodes, long leaseMillis) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.nodes = List.copyOf(nodes);
        this.leaseMillis = leaseMillis;
        this.outgoing = new TurnBatches(context, this::flush);
    }

    public Future<Void> listen() {
        registrations = vertx.eventBus().consumer(addresses.controlRegister(), message -> {
            AgentHello hello = message.body();
            message.reply(new Welcome());
            if (!nodes.contains(hello.node())) {
                LOG.warn("ignoring an agent for unknown node '{}' (this run's nodes: {})", hello.node(), nodes);
                return;
            }
            if (registered.put(hello.node(), hello) == null) {
                LOG.debug("agent {} registered ({}/{})", hello.node(), registered.size(), nodes.size());
                if (registered.size() == nodes.size()) allRegistered.tryComplete();
            }
        });
        heartbeatTimer = vertx.setPeriodic(Math.max(50, leaseMillis / 4),
                id -> vertx.eventBus().publish(addresses.heartbeat(), new Heartbeat()));
        return registrations.completion();
    }

    /** Completes when every node's agent has registered; fails after {@code timeout} naming the missing ones. */
    public Future<Void> awaitAll(Duration timeout) {
        long timer = vertx.setTimer(timeout.toMillis(), id -> allRegistered.tryFail(
                "agents did not register within " + timeout.toSeconds() + "s: missing " + missing()));
        return allRegistered.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private List<String> missing() {
        return nodes.stream().filter(n -> !registered.containsKey(n)).collect(Collectors.toList());
    }

    public AgentHello hello(String node) {
        return registered.get(node);
    }

    public List<String> nodes() {
        return nodes;
    }

    /** Sends a command to one agent; fails with the agent's own error message, prefixed by its node. */
    public Future<Reply> command(String node, Command command, Duration timeout) {
        return vertx.eventBus().<Reply>request(addresses.agent(node), command, new DeliveryOptions().setSendTimeout(timeout.toMillis()))
                .recover(e -> Future.failedFuture(node + ": no answer to " + name(command) + " (" + e.getMessage() + ")"))
                .compose(message -> {
                    Reply reply = message.body();
                    return reply.succeeded() ? Future.succeededFuture(reply) : Future.failedFuture(node + ": " + reply.error());
                });
    }

    /** Sends a command to every agent; fails if any fails, naming each failure. */
    public Future<Map<String, Reply>> commandAll(Command command, Duration timeout) {
        Map<String, Future<Reply>> replies = new LinkedHashMap<>();
        for (String node : nodes) replies.put(node, command(node, command, timeout));
        return Future.join(new ArrayList<>(replies.values())).transform(done -> {
            List<String> errors = replies.values().stream().filter(Future::failed).map(f -> f.cause().getMessage()).toList();
            if (!errors.isEmpty()) return Future.failedFuture(String.join("; ", errors));
            Map<String, Reply> result = new LinkedHashMap<>();
            replies.forEach((node, reply) -> result.put(node, reply.result()));
            return Future.succeededFuture(result);
        });
    }

    /** Queues an operation for its node; the operations of one event-loop turn leave as one batch per node. */
    public void invoke(String node, Invoke op) {
        outgoing.add(node, op);
    }

    /**
     * Notes that every event batch of {@code node} numbered below {@code receivedBelow} has arrived. The
     * acknowledgement leaves with the operations of this event-loop turn, or alone if there are none for the node.
     */
    public void acknowledge(String node, long receivedBelow) {
        eventsReceivedBelow.merge(node, receivedBelow, Math::max);
        acknowledgementDue.add(node);
        outgoing.handOverAfterThisTurn();
    }

    private void flush(Map<String, List<Invoke>> batch) {
        Set<String> due = acknowledgementDue;
        acknowledgementDue = new HashSet<>();
        batch.forEach((node, ops) -> send(node, ops));
        for (String node : due) {
            if (!batch.containsKey(node)) send(node, List.of());
        }
    }

    private void send(String node, List<Invoke> ops) {
        vertx.eventBus().send(addresses.agentOps(node), new InvokeBatch(ops, eventsReceivedBelow.getOrDefault(node, 0L)));
    }

    public Future<Void> close() {
        if (heartbeatTimer >= 0) vertx.cancelTimer(heartbeatTimer);
        return registrations == null ? Future.succeededFuture() : registrations.unregister();
    }

    private static String name(Command command) {
        return command.getClass().getSimpleName();
    }
}
