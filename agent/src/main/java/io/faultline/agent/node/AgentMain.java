package io.faultline.agent.node;

import io.faultline.agent.AgentVerticle;
import io.faultline.agent.Db;
import io.faultline.agent.NodeRuntime;
import io.faultline.cluster.ClusteredVertx;
import io.faultline.config.DbConfig;
import io.faultline.config.Honoured;
import io.faultline.protocol.AgentContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent of a node container (the agent jar's main class), and the one place where it reads its
 * environment: the {@link AgentContract} in {@code FAULTLINE_AGENT}. It joins the run's cluster at the
 * contract's endpoints, clears faults a previous agent may have left in this container, and deploys the
 * {@link AgentVerticle} with etcd and the Linux fault appliers. Any startup failure ends the process with one
 * line on stderr and exit code 1, which the Docker provider reports.
 */
public final class AgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 15;
    /** Joining the cluster and healing leftovers; the control gives up on an agent after a minute anyway. */
    private static final long START_TIMEOUT_SECONDS = 120;
    /** A persistent agent leaves a run after this many fault leases without a heartbeat: its control is gone. */
    private static final int SILENT_LEASES = 3;

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            // Started by hand, a Swarm or Kubernetes: it joins a run with a token instead of being given a contract.
            System.exit(JoinedAgent.run(args));
        }
        try {
            // Wait on the main thread, not an event loop: exiting from an event loop would block the close
            // in the shutdown hook.
            AgentContract contract = AgentContract.fromJson(System.getenv(AgentContract.VARIABLE));
            Vertx vertx = start(contract, null, false).toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            closeOnShutdown(vertx, contract.node());
            undeployed(vertx).onSuccess(v -> new Thread(() -> System.exit(0), "faultline-agent-exit").start());
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("faultline agent: cannot start: " + (e instanceof TimeoutException
                    ? "not registered within " + START_TIMEOUT_SECONDS + " s"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName()));
            System.exit(1);
        }
    }

    /**
     * Joins the run's cluster and deploys the agent; the Vert.x it runs on is the result.
     *
     * @param bind  where to listen when that is not the advertised address; null to listen where it advertises
     * @param watch whether to leave the run when the control's heartbeats stop (a persistent agent)
     */
    static Future<Vertx> start(AgentContract contract, ClusteredVertx.Bind bind, boolean watch) {
        AgentContract.Endpoints at = contract.endpoints();
        if (at == null) throw new IllegalArgumentException(AgentContract.VARIABLE + " has no endpoints: a node container needs them");
        String dataAddress = contract.dataAddress();
        if (dataAddress == null) {
            throw new IllegalArgumentException(AgentContract.VARIABLE + " names no data address for this node, " + contract.node());
        }
        // Asked once, before the event loop runs: tc is a process, and the answer never changes.
        boolean netem = LinuxFaults.netemAvailable(Shell.system());
        return ClusteredVertx.start(new ClusteredVertx.Settings(at.clusterName(), at.host(), at.hazelcastPort(),
                        at.members(), bind == null ? 0 : bind.eventBusPort(), tls(at.tlsDir()), bind).asAgent())
                .compose(vertx -> {
                    Shell shell = Shell.system();
                    LinuxFaults faults = new LinuxFaults(vertx, shell, dataAddress, at.dataAddresses())
                            .withNetem(netem).sparing(at.serviceAddresses().values());
                    NodeRuntime runtime = new NodeRuntime(db(vertx, shell, contract), faults);
                    return faults.healAll()
                            .compose(v -> vertx.deployVerticle(new AgentVerticle(contract, runtime)))
                            .onSuccess(id -> {
                                if (watch) ControlWatch.leaveWhenSilent(vertx, contract.runId(), contract.node(), runtime.db(),
                                        SILENT_LEASES * contract.leaseMillis());
                            })
                            .map(id -> vertx)
                            .recover(e -> vertx.close().transform(closed -> Future.failedFuture(e)));
                })
                .onSuccess(id -> LOG.info("agent {} of run {} registered: {} on data address {}, control address {}",
                        contract.node(), contract.runId(), contract.db().name(), dataAddress, at.host()));
    }

    /** The system under test that the contract names: etcd, or PostgreSQL under Patroni. */
    static Db db(Vertx vertx, Shell shell, AgentContract contract) {
        AgentContract.Endpoints at = contract.endpoints();
        if (contract.db().name().equals(DbConfig.PATRONI)) {
            return new PatroniDb(vertx, shell, contract.runId(), contract.node(), at.dataAddresses(),
                    at.serviceAddresses().get(Honoured.PATRONI_DCS), contract.db());
        }
        return new EtcdDb(vertx, shell, contract.runId(), contract.node(), at.dataAddresses(), contract.db());
    }

    static ClusteredVertx.Tls tls(String dir) {
        if (dir == null) return null;
        Path tls = Path.of(dir);
        return new ClusteredVertx.Tls(tls.resolve("ca.pem"), tls.resolve("node.pem"), tls.resolve("node-key.pem"));
    }
    /**
     * Completes when the control's Shutdown command has undeployed the agent; a node container's process then
     * exits, and its shutdown hook leaves the cluster cleanly, so the control does not wait for Hazelcast to
     * notice a vanished member.
     */
    static Future<Void> undeployed(Vertx vertx) {
        io.vertx.core.Promise<Void> gone = io.vertx.core.Promise.promise();
        vertx.setPeriodic(200, timer -> {
            if (vertx.deploymentIDs().isEmpty()) {
                vertx.cancelTimer(timer);
                gone.complete();
            }
        });
        return gone.future();
    }

    /** Vert.x turns off Hazelcast's own shutdown hook, so leaving the cluster cleanly is up to us. */
    static Thread closeOnShutdown(Vertx vertx, String node) {
        Thread hook = new Thread(() -> {
            LOG.info("agent {} shutting down: healing its faults and leaving the cluster", node);
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("faultline agent: closing Vert.x on shutdown failed: " + e);
            }
        }, "faultline-agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
