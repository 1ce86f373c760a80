package io.faultline.agent;

import io.faultline.history.OpType;
import io.faultline.protocol.Addresses;
import io.faultline.agent.plugin.ClientFactories;
import io.faultline.protocol.AgentContract;
import io.faultline.protocol.Messages.AgentHello;
import io.faultline.protocol.Messages.ApplyFault;
import io.faultline.protocol.Messages.CloseClients;
import io.faultline.protocol.Messages.CollectLogs;
import io.faultline.protocol.Messages.Command;
import io.faultline.protocol.Messages.FindPrimary;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.faultline.protocol.Messages.HealAll;
import io.faultline.protocol.Messages.HealFault;
import io.faultline.protocol.Messages.Heartbeat;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.InvokeBatch;
import io.faultline.protocol.Messages.OpenClients;
import io.faultline.protocol.Messages.Ping;
import io.faultline.protocol.Messages.Reply;
import io.faultline.protocol.Messages.SetupDb;
import io.faultline.protocol.Messages.Shutdown;
import io.faultline.protocol.Messages.TeardownDb;
import io.faultline.protocol.Messages.Welcome;
import io.faultline.protocol.RecordCodec;
import io.faultline.spi.ClientFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything that happens on one node: it announces itself to the control, obeys its commands (database
 * lifecycle, clients, faults, logs), runs operations on its workers and streams their events back, and
 * heals its faults when the control's heartbeats stop. The same code runs in the control's JVM (local
 * provider), in a node container and on a remote host: only the {@link NodeRuntime} differs.
 */
public final class AgentVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);
    private static final long SWEEP_MS = 50;
    private static final long HELLO_RETRY_MS = 1_000;

    private final AgentContract contract;
    private final NodeRuntime runtime;
    private final Map<String, ClientFactory> clientFactories = new TreeMap<>();
    private Addresses addresses;
    private EventStream events;
    private Workers workers;
    private FaultLedger ledger;

    public AgentVerticle(AgentContract contract, NodeRuntime runtime) {
        this.contract = contract;
        this.runtime = runtime;
    }

    @Override
    public Future<?> start() {
        RecordCodec.registerAll(vertx.eventBus());
        clientFactories.putAll(ClientFactories.load(contract.plugins()));
        addresses = new Addresses(contract.runId());
        events = new EventStream(vertx, context, addresses.controlEvents(), contract.node());
        workers = new Workers(vertx, contract, events);
        NodeFaults faults = new NodeFaults(vertx, runtime.db(), runtime.faults());
        ledger = new FaultLedger(contract.node(), faults, contract.leaseMillis());

        vertx.eventBus().<Command>consumer(addresses.agent(contract.node()), this::onCommand);
        vertx.eventBus().<InvokeBatch>consumer(addresses.agentOps(contract.node()), message -> {
            events.acknowledged(message.body().eventsReceivedBelow());
            message.body().ops().forEach(workers::invoke);
        });
        vertx.eventBus().<InvokeBatch>consumer(addresses.agentRehearsal(contract.node()),
                message -> vertx.eventBus().send(addresses.controlRehearsal(), rehearsed(message.body())));
        vertx.eventBus().<Heartbeat>consumer(addresses.heartbeat(), message -> ledger.renew());
        vertx.setPeriodic(SWEEP_MS, id -> {
            workers.expireTimeouts();
            ledger.expireLeases();
            events.resendOverdue();
        });
        return hello(faults.supportedKinds());
    }

    /** Announces this agent until the control answers; the control may start after its agents. */
    private Future<Void> hello(Set<String> faultKinds) {
        Promise<Void> welcomed = Promise.promise();
        sendHello(new AgentHello(contract.node(), faultKinds, List.copyOf(clientFactories.keySet())), welcomed);
        return welcomed.future();
    }

    private void sendHello(AgentHello hello, Promise<Void> welcomed) {
        vertx.eventBus().<Welcome>request(addresses.controlRegister(), hello, new DeliveryOptions().setSendTimeout(HELLO_RETRY_MS))
                .onSuccess(reply -> {
                    LOG.info("{}: registered with the control (fault lease {} ms)", contract.node(), contract.leaseMillis());
                    welcomed.complete();
                })
                .onFailure(e -> vertx.setTimer(HELLO_RETRY_MS, id -> sendHello(hello, welcomed)));
    }

    /** A rehearsal's answer: every op invoked and ok now, as if a client had done nothing. */
    private EventBatch rehearsed(InvokeBatch batch) {
        List<Event> events = new ArrayList<>(2 * batch.ops().size());
        for (Invoke op : batch.ops()) {
            long now = System.nanoTime();
            events.add(new Event(op.thread(), op.process(), OpType.INVOKE, op.f(), op.key(), op.value(), null, now));
            events.add(new Event(op.thread(), op.process(), OpType.OK, op.f(), op.key(), op.value(), null, now));
        }
        return new EventBatch(contract.node(), batch.eventsReceivedBelow(), events);
    }

    private void onCommand(Message<Command> message) {
        Command command = message.body();
        Future<Reply> reply;
        try {
            reply = execute(command);
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        reply.onComplete(done -> message.reply(done.succeeded() ? done.result()
                : Reply.failed(describe(done.cause()), System.nanoTime())));
    }

    private Future<Reply> execute(Command command) {
        if (command instanceof Ping) return Future.succeededFuture(Reply.ok(System.nanoTime()));
        if (command instanceof SetupDb setup) return done(runtime.db().setup(setup.archiveCredentials()));
        if (command instanceof TeardownDb) return done(runtime.db().teardown());
        if (command instanceof OpenClients open) return openClients(open);
        if (command instanceof CloseClients) return done(workers.closeAll());
        if (command instanceof ApplyFault apply) return done(ledger.apply(apply.fault()));
        if (command instanceof HealFault heal) return done(ledger.heal(heal.kind()));
        if (command instanceof HealAll) return done(ledger.healAll());
        if (command instanceof FindPrimary) return runtime.db().primary().map(primary -> Reply.primary(primary, System.nanoTime()));
        if (command instanceof CollectLogs) return collectLogs();
        if (command instanceof Shutdown) {
            vertx.setTimer(10, id -> vertx.undeploy(deploymentID()));
            return Future.succeededFuture(Reply.ok(System.nanoTime()));
        }
        return Future.failedFuture("unknown command " + command);
    }

    private Future<Reply> openClients(OpenClients open) {
        String client = contract.clients().name();
        ClientFactory factory = clientFactories.get(client);
        if (factory == null) {
            return Future.failedFuture("no client named '" + client + "' on " + contract.node() + "; available: "
                    + clientFactories.keySet());
        }
        workers.open(factory, open.threads());
        return Future.succeededFuture(Reply.ok(System.nanoTime()));
    }

    private Future<Reply> collectLogs() {
        List<Path> files = runtime.db().logFiles();
        return vertx.executeBlocking(() -> {
            Map<String, String> logs = new LinkedHashMap<>();
            for (Path file : files) {
                if (Files.isRegularFile(file)) logs.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            return new Reply(null, System.nanoTime(), logs, null);
        });
    }

    private static Future<Reply> done(Future<?> action) {
        return action.map(v -> Reply.ok(System.nanoTime()));
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public Future<?> stop() {
        return workers.closeAll().eventually(() -> ledger.healAll());
    }
}
