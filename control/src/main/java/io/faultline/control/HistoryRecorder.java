package io.faultline.control;

import io.faultline.history.JsonlHistoryWriter;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages.Event;
import io.faultline.protocol.Messages.EventBatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * Turns the agents' event batches into the run's history (DESIGN.md decision 4): drops batches it has
 * already seen, maps agent times onto the run's timeline and widens each operation by the clock
 * uncertainty, numbers the ops in arrival order, appends them to {@code history.jsonl} on a writer thread,
 * and tells {@code acknowledge} how far each agent's batches have arrived (the acknowledgement rides on the
 * next operations sent to that agent). Nemesis ops, which happen on the control, join the same file.
 */
public final class HistoryRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);
    /** Room for the clock offset estimate to move between batches (it is refreshed during the run). */
    private static final long WATERMARK_SLACK_NANOS = 50_000_000L;

    private final Vertx vertx;
    private final Addresses addresses;
    private final ClockSync clocks;
    private final Consumer<Op> listener;
    private final ObjLongConsumer<String> acknowledge;
    private final Promise<Void> opened = Promise.promise();
    /** Opened, written and closed on the writer thread only, so the event loop never waits for the disk. */
    private JsonlHistoryWriter history;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-history");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, SeenBatches> seen = new HashMap<>();
    /** Per agent: a run time below which it has delivered every event (read by live checking, from its thread). */
    private final Map<String, Long> deliveredBelow = new ConcurrentHashMap<>();
    private MessageConsumer<EventBatch> consumer;
    private long nextIndex;
    private volatile IOException failure;
    private Future<Void> closed;

    /**
     * @param listener    told of every op recorded, on the event loop, in index order
     * @param acknowledge told, on the event loop, of an agent (node) and the number below which all its batches
     *                    have arrived, after every batch, repeats included (so an agent that resends hears again)
     */
    public HistoryRecorder(Vertx vertx, Addresses addresses, ClockSync clocks, Path historyFile, Consumer<Op> listener,
                           ObjLongConsumer<String> acknowledge) {
        this.vertx = vertx;
        this.acknowledge = acknowledge;
        this.addresses = addresses;
        this.clocks = clocks;
        this.listener = listener;
        Context context = vertx.getOrCreateContext();
        writer.execute(() -> {
            try {
                history = new JsonlHistoryWriter(Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8));
                context.runOnContext(v -> opened.complete());
            } catch (IOException e) {
                failure = e;
                context.runOnContext(v -> opened.fail("cannot create the history " + historyFile + ": " + e.getMessage()));
            }
        });
    }

    /** Completes once the history file is open and batches are taken. */
    public Future<Void> listen() {
        consumer = vertx.eventBus().consumer(addresses.controlEvents(), this::onBatch);
        return Future.all(opened.future(), consumer.completion()).mapEmpty();
    }

    private void onBatch(Message<EventBatch> message) {
        EventBatch batch = message.body();
        SeenBatches seenFromNode = seen.computeIfAbsent(batch.node(), n -> new SeenBatches());
        if (!seenFromNode.firstTime(batch.seq())) {
            acknowledge.accept(batch.node(), seenFromNode.floor);
            return;
        }
        long uncertainty = clocks.uncertainty(batch.node());
        List<Op> ops = new ArrayList<>(batch.events().size());
        long latest = Long.MIN_VALUE;
        for (Event e : batch.events()) {
            long time = clocks.toRunTime(batch.node(), e.agentNanos());
            latest = Math.max(latest, time);
            // Widen the operation: its invocation may have been earlier, its completion later.
            time = e.type() == OpType.INVOKE ? time - uncertainty : time + uncertainty;
            ops.add(new Op(nextIndex++, time, e.type(), e.process(), e.f(), e.value(), e.key(), batch.node(), e.error(), null));
        }
        // An agent stamps and sends its events in order, so once every earlier batch is in, nothing it sends
        // later can be timed before this batch's latest event, less the widening.
        if (seenFromNode.allBelow(batch.seq() + 1) && latest != Long.MIN_VALUE) {
            deliveredBelow.merge(batch.node(), latest - uncertainty - WATERMARK_SLACK_NANOS, Math::max);
        }
        acknowledge.accept(batch.node(), seenFromNode.floor);
        write(ops);
        ops.forEach(listener);
    }

    /**
     * A run time below which each of {@code nodes} has delivered all its events; {@link Long#MIN_VALUE} while
     * one of them has delivered nothing. Safe from any thread.
     */
    public long watermark(Iterable<String> nodes) {
        long watermark = Long.MAX_VALUE;
        for (String node : nodes) {
            Long below = deliveredBelow.get(node);
            if (below == null) return Long.MIN_VALUE;
            watermark = Math.min(watermark, below);
        }
        return watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark;
    }

    /** Records an op that happened on the control (nemesis actions), timed now. */
    public Op recordLocal(Op op) {
        Op recorded = new Op(nextIndex++, System.nanoTime() - clocks.runStartNanos(), op.type(), op.process(), op.f(),
                op.value(), op.key(), op.node(), op.error(), op.extra());
        write(List.of(recorded));
        return recorded;
    }

    public long recorded() {
        return nextIndex;
    }

    private void write(List<Op> ops) {
        writer.execute(() -> {
            if (failure != null) return;
            try {
                for (Op op : ops) history.append(op);
                history.flush();
            } catch (IOException e) {
                if (failure == null) LOG.error("cannot write the history: {}", e.getMessage());
                failure = e;
            }
        });
    }

    /** Stops taking batches and completes once everything received is on disk. Idempotent. */
    public synchronized Future<Void> close() {
        if (closed != null) return closed;
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        closed = unregistered.compose(v -> {
            Promise<Void> done = Promise.promise();
            writer.execute(() -> {
                try {
                    if (history != null) history.close();
                    if (failure != null) done.fail(failure);
                    else done.complete();
                } catch (IOException e) {
                    done.fail(e);
                }
            });
            writer.shutdown();
            return done.future();
        });
        return closed;
    }

    /** Batch numbers seen from one agent: everything below {@code floor}, and the stragglers above it. */
    private static final class SeenBatches {
        private long floor;
        private final Set<Long> above = new HashSet<>();

        boolean firstTime(long seq) {
            if (seq < floor || above.contains(seq)) return false;
            above.add(seq);
            while (above.remove(floor)) floor++;
            return true;
        }

        boolean allBelow(long seq) {
            return floor >= seq;
        }
    }
}
