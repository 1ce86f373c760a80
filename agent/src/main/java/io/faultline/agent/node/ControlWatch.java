package io.faultline.agent.node;

import io.faultline.agent.Db;
import io.faultline.protocol.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A persistent agent's way out of a run whose control is gone (crashed, killed, its machine lost): the control's
 * heartbeats stop, the fault leases heal the faults, and this stops the database and undeploys the agent, so the
 * agent joins the next run instead of waiting in a dead one for ever.
 */
final class ControlWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ControlWatch.class);
    private static final long CHECK_EVERY_MS = 500;

    private ControlWatch() {
    }

    /** Completes once the agent has left the run because no heartbeat came for {@code silentMillis}. */
    static Future<Void> leaveWhenSilent(Vertx vertx, String runId, String node, Db db, long silentMillis) {
        Promise<Void> left = Promise.promise();
        long[] lastBeat = {System.nanoTime()};
        MessageConsumer<Object> beats = vertx.eventBus().consumer(new Addresses(runId).heartbeat(), beat -> lastBeat[0] = System.nanoTime());
        vertx.setPeriodic(CHECK_EVERY_MS, timer -> {
            long silent = (System.nanoTime() - lastBeat[0]) / 1_000_000;
            if (silent < silentMillis) return;
            vertx.cancelTimer(timer);
            LOG.warn("agent {}: no heartbeat from the control of run {} for {} ms: stopping the database and leaving the run",
                    node, runId, silent);
            beats.unregister()
                    .eventually(db::teardown)
                    .eventually(() -> {
                        List<Future<Void>> undeployed = new ArrayList<>();
                        for (String id : vertx.deploymentIDs()) undeployed.add(vertx.undeploy(id));
                        return Future.join(undeployed);
                    })
                    .onComplete(done -> left.complete());
        });
        return left.future();
    }
}
