package io.faultline.control;

import io.faultline.protocol.Messages.Invoke;
import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operations queued per node during one turn of the event loop, handed over together once the turn is done: what a
 * generator dispatches in one go leaves as one batch per node. Call on {@code context} only.
 */
final class TurnBatches {
    private final Context context;
    private final Consumer<Map<String, List<Invoke>>> handOver;
    private Map<String, List<Invoke>> queued = new HashMap<>();
    private boolean scheduled;

    /** @param handOver given each turn's batches by node (none, when only {@link #handOverAfterThisTurn} was asked) */
    TurnBatches(Context context, Consumer<Map<String, List<Invoke>>> handOver) {
        this.context = context;
        this.handOver = handOver;
    }

    void add(String node, Invoke op) {
        queued.computeIfAbsent(node, n -> new ArrayList<>()).add(op);
        handOverAfterThisTurn();
    }

    /** Hands over once this turn is done, even with nothing queued: the owner has something of its own to send then. */
    void handOverAfterThisTurn() {
        if (!scheduled) {
            scheduled = true;
            context.runOnContext(v -> handOver());
        }
    }

    private void handOver() {
        scheduled = false;
        // Swap first: whatever a send sets off that queues more ops goes into the next turn's batches, not this one.
        Map<String, List<Invoke>> batches = queued;
        queued = new HashMap<>();
        handOver.accept(batches);
    }
}
