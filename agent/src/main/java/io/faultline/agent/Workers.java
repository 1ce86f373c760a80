package io.faultline.agent;

import io.faultline.history.OpType;
import io.faultline.protocol.AgentContract;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client workers on this node, one per control thread. A worker runs at most one operation; it stamps
 * the invocation and the completion with this JVM's monotonic clock, and an operation that outlives the
 * timeout completes as {@code info} (its late answer is dropped: the history already says "unknown").
 */
final class Workers {
    private final Vertx vertx;
    private final AgentContract contract;
    private final String node;
    private final EventStream events;
    private final Map<Integer, Worker> byThread = new HashMap<>();
    private long timeoutNanos;

    Workers(Vertx vertx, AgentContract contract, EventStream events) {
        this.vertx = vertx;
        this.contract = contract;
        this.node = contract.node();
        this.events = events;
    }

    void open(ClientFactory factory, List<Integer> threads) {
        this.timeoutNanos = contract.clients().timeoutMillis() * 1_000_000L;
        ClientContext context = new ClientContext(vertx, contract.runId(), node, contract.nodes(), contract.dataAddress(),
                contract.clients().options(), contract.endpoints() == null ? Map.of() : contract.endpoints().dataAddresses());
        for (int thread : threads) byThread.put(thread, new Worker(thread, factory.open(context)));
    }

    void invoke(Invoke op) {
        Worker worker = byThread.get(op.thread());
        long now = System.nanoTime();
        if (worker == null || worker.current != null) {
            // The control never does this; if it did, say so in the history rather than lose the op.
            String why = worker == null ? "no worker for thread " + op.thread() + " on " + node : "worker busy";
            events.emit(new Event(op.thread(), op.process(), OpType.INVOKE, op.f(), op.key(), op.value(), null, now));
            events.emit(new Event(op.thread(), op.process(), OpType.FAIL, op.f(), op.key(), op.value(), why, now));
            return;
        }
        worker.start(op, now);
        events.emit(new Event(op.thread(), op.process(), OpType.INVOKE, op.f(), op.key(), op.value(), null, now));
        long token = worker.token;
        Future<Completion> result;
        try {
            result = worker.client.invoke(new Invocation(op.process(), op.f(), op.key(), op.value()));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(done -> finish(worker, token, done));
    }

    private void finish(Worker worker, long token, AsyncResult<Completion> done) {
        if (worker.token != token || worker.current == null) return;
        Invoke op = worker.current;
        Completion c = done.succeeded() ? done.result()
                : Completion.info(op.value(), String.valueOf(done.cause().getMessage()));
        worker.current = null;
        events.emit(new Event(op.thread(), op.process(), c.type(), op.f(), op.key(), c.value(), c.error(), System.nanoTime()));
    }

    /** Completes as {@code info} every operation past its deadline. */
    void expireTimeouts() {
        long now = System.nanoTime();
        for (Worker worker : byThread.values()) {
            Invoke op = worker.current;
            if (op != null && now - worker.startedNanos > timeoutNanos) {
                worker.current = null;
                worker.token++;
                events.emit(new Event(op.thread(), op.process(), OpType.INFO, op.f(), op.key(), op.value(), "timeout", now));
            }
        }
    }

    Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        for (Worker worker : byThread.values()) closing.add(worker.client.close());
        byThread.clear();
        return Future.join(closing).mapEmpty();
    }

    private static final class Worker {
        final int thread;
        final Client client;
        Invoke current;
        long startedNanos;
        /** Distinguishes this operation's completion from a late one of a timed-out predecessor. */
        long token;

        Worker(int thread, Client client) {
            this.thread = thread;
            this.client = client;
        }

        void start(Invoke op, long now) {
            current = op;
            startedNanos = now;
            token++;
        }
    }
}
