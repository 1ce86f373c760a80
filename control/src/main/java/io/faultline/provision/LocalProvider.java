package io.faultline.provision;

import io.faultline.agent.AgentVerticle;
import io.faultline.agent.NodeRuntime;
import io.faultline.agent.sim.SimCluster;
import io.faultline.agent.sim.SimNode;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code local} provider: every node's agent runs in this JVM against the simulated replicated store.
 * The agents may live in another Vert.x instance than the control (a clustered event bus), which is how
 * the tests show that nothing but event-bus messages passes between them.
 */
public final class LocalProvider implements Provider {
    private final Vertx agentsVertx;
    private final UnaryOperator<NodeRuntime> decorate;
    private final List<String> deployments = new ArrayList<>();
    private String runId;

    /** @param decorate wraps each node's runtime, e.g. to make a fault fail in a test of that path */
    public LocalProvider(Vertx agentsVertx, UnaryOperator<NodeRuntime> decorate) {
        this.agentsVertx = agentsVertx;
        this.decorate = decorate;
    }

    @Override
    public Future<Void> start(TestConfig config, List<AgentContract> agents, NodeDirs nodeDirs) {
        List<Future<String>> deployed = new ArrayList<>();
        for (AgentContract handed : agents) {
            // Through JSON, as a node container gets it: a local run tests the same contract.
            AgentContract contract = AgentContract.fromJson(handed.toJson());
            String node = contract.node();
            runId = contract.runId();
            SimNode sim;
            try {
                sim = new SimNode(agentsVertx, runId, node, contract.nodes(), new HashSet<>(contract.db().bugs()), nodeDirs.of(node));
            } catch (IOException e) {
                return Future.failedFuture("cannot create the log directory of " + node + ": " + e.getMessage());
            }
            deployed.add(agentsVertx.deployVerticle(new AgentVerticle(contract, decorate.apply(new NodeRuntime(sim, sim))))
                    .onSuccess(deployments::add));
        }
        return Future.all(deployed).mapEmpty();
    }

    @Override
    public Future<Void> stop() {
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : deployments) {
            if (agentsVertx.deploymentIDs().contains(id)) undeployed.add(agentsVertx.undeploy(id));
        }
        deployments.clear();
        return Future.join(undeployed).<Void>mapEmpty().eventually(() -> {
            if (runId != null) SimCluster.remove(runId);
            return Future.succeededFuture();
        });
    }
}
