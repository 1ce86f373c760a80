package io.faultline.control;

import io.faultline.checker.Verdict;
import io.faultline.config.ConfigLoader;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.faultline.provision.LocalProvider;
import io.faultline.provision.Outage;
import io.faultline.provision.Provider;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.run.RunOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceOutageVerdictTest {

    @TempDir
    Path store;

    @Test
    void aServiceThatWasUnhealthyDuringTheRunMakesTheVerdictUnknownSayingWhen() throws Exception {
        TestConfig config = ConfigLoader.parse("""
                name: outage
                nodes: 3
                time-limit: 3s
                seed: 1
                db: {name: sim}
                workload: {name: register, client: sim, rate: 100/s}
                final: {recovery: 0s}
                """, "test.yaml", List.of(), Map.of()).config();
        Vertx vertx = Vertx.vertx();
        try {
            Provider withOutage = new Provider() {
                private final LocalProvider local = new LocalProvider(vertx, UnaryOperator.identity());
                private long started;

                @Override
                public Future<Void> start(TestConfig c, List<AgentContract> agents, NodeDirs nodeDirs) {
                    started = System.nanoTime();
                    return local.start(c, agents, nodeDirs);
                }

                @Override
                public Future<Void> stop() {
                    return local.stop();
                }

                @Override
                public List<Outage> outages() {
                    return List.of(new Outage("service zookeeper", started + 1_000_000_000L, started + 2_500_000_000L, "exit code 1"));
                }
            };
            RunDirectory dir = RunDirectory.create(store, config.name(), Instant.now());
            Promise<RunOutcome> outcome = Promise.promise();
            vertx.deployVerticle(new ControlVerticle(config, dir, withOutage, RunCheckers.forConfig(config, List.of()), 1, outcome));
            RunOutcome done = outcome.future().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);

            assertThat(done.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(done.summary()).matches(
                    "service zookeeper was unhealthy from 1\\.\\d s to 2\\.\\d s \\(exit code 1\\): results can't be trusted");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
