package io.faultline.agent.sim;

import io.faultline.spi.Client;
import io.faultline.spi.ClientContext;
import io.faultline.spi.ClientFactory;
import io.faultline.spi.Completion;
import io.faultline.spi.Invocation;
import io.vertx.core.Future;

/**
 * Clients of the simulated store ({@code workload.client: sim}), each talking to its own node's replica.
 *
 * <p>The data a client works on comes from the workload options: {@code data-type} (register, set, counter,
 * queue, unique-ids), else the one the workload's {@code name} implies, else a register. The fs:
 * <ul>
 *   <li>register: {@code read} → the value, nil if never written; {@code write v} → ok v; {@code cas [from to]}
 *       → ok, or fail without error when the register did not hold {@code from};</li>
 *   <li>set: {@code add e} → ok e; {@code read} → the elements, sorted;</li>
 *   <li>counter: {@code add n} (an integer, may be negative) → ok n; {@code read} → the sum, 0 if never added to;</li>
 *   <li>queue: {@code enqueue v} → ok v; {@code dequeue} → ok head, or fail {@code empty}; {@code drain} → ok
 *       every element in order, leaving the queue empty;</li>
 *   <li>unique-ids: {@code generate} → ok an id (1, 2, ...) unique across the cluster while it is correct;</li>
 *   <li>list: {@code append v}, {@code read};</li>
 *   <li>transactions, on lists {@code txn [["append", k, v], ["r", k, nil], ...]} and on registers
 *       {@code txn [["w", k, v], ["r", k, nil], ...]} → ok with the reads filled in: atomic, unless an isolation bug
 *       (read-committed, snapshot-isolation, read-uncommitted) splits it (see {@link SimTxn}).</li>
 * </ul>
 * Errors: fail {@code no-primary} (no primary reachable, nothing happened), fail {@code connection-refused}
 * (the node's replica is down); at a paused replica the operation does not complete until it resumes. An
 * unknown f or a malformed value is a failed future naming what is allowed.
 */
public final class SimClientFactory implements ClientFactory {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Client open(ClientContext context) {
        return new SimClient(context.vertx(), context.runId(), context.node(), DataType.fromOptions(context.options()));
    }

    /** The f of a transaction: list-append's on list keys, rw-register's on registers (see {@link SimTxn}). */
    static final String TXN = "txn";

    private record SimClient(io.vertx.core.Vertx vertx, String runId, String node, DataType type) implements Client {

        /** The cluster is looked up per operation: the store is set up by the node's db, not by the client. */
        @Override
        public Future<Completion> invoke(Invocation invocation) {
            try {
                SimCluster cluster = SimCluster.find(runId).orElseThrow(() -> new IllegalStateException(
                        "no simulated store for run " + runId + ": the sim db is not set up"));
                if (TXN.equals(invocation.f())) return SimTxn.run(cluster, node, vertx, type, invocation.value());
                SimOp op = SimOp.of(type, invocation.f(), invocation.key(), invocation.value());
                return cluster.submit(node, op);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
    }
}
