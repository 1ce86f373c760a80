package io.faultline.run;

import io.faultline.agent.NodeRuntime;
import io.faultline.config.LoadedConfig;
import io.faultline.config.TestConfig;
import io.faultline.control.ControlVerticle;
import io.faultline.provision.LocalProvider;
import io.faultline.provision.Provider;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One run in this process: creates its directory, writes the effective config (secrets redacted), starts a
 * Vert.x and the control verticle with the provider the config names, waits for the outcome and closes
 * everything. The seed is the config's, or a fresh one that the results record for replay.
 */
public final class LocalRun {
    private final LoadedConfig loaded;
    private final Path store;
    private Vertx agentsVertx;
    private UnaryOperator<NodeRuntime> decorate = UnaryOperator.identity();

    public LocalRun(LoadedConfig loaded, Path store) {
        this.loaded = loaded;
        this.store = store;
    }

    /** Runs the agents on another Vert.x instance (e.g. a clustered one) instead of the control's. */
    public LocalRun withAgentsOn(Vertx vertx) {
        this.agentsVertx = vertx;
        return this;
    }

    /** Wraps each local node's runtime: a seam for tests of failure paths. */
    public LocalRun withNodeRuntimes(UnaryOperator<NodeRuntime> decorate) {
        this.decorate = decorate;
        return this;
    }

    public RunOutcome run() throws Exception {
        return run(Vertx.vertx(), true);
    }

    /** Runs on the given Vert.x; closes it afterwards only if {@code owned}. */
    public RunOutcome run(Vertx vertx, boolean owned) throws Exception {
        TestConfig config = loaded.config();
        RunDirectory dir = RunDirectory.create(store, config.name(), Instant.now());
        Files.writeString(dir.testConfig(), loaded.effectiveYaml(), StandardCharsets.UTF_8);
        long seed = config.seed() != null ? config.seed() : ThreadLocalRandom.current().nextLong(1L << 48);
        try (RunLog ignored = RunLog.attach(dir.controlLog())) {
            Promise<RunOutcome> outcome = Promise.promise();
            Provider provider = provider(config, vertx);
            vertx.deployVerticle(new ControlVerticle(config, dir, provider, seed, outcome)).onFailure(outcome::tryFail);
            return outcome.future().toCompletionStage().toCompletableFuture().get();
        } finally {
            if (owned) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Provider provider(TestConfig config, Vertx vertx) {
        String provider = config.cluster().provider();
        if (!provider.equals("local")) {
            throw new UnsupportedProvider("cluster.provider: '" + provider + "' is not available in this build yet; use 'local'");
        }
        return new LocalProvider(agentsVertx != null ? agentsVertx : vertx, decorate);
    }

    /** A provider the config names but this build cannot start: a config error (exit 254). */
    public static final class UnsupportedProvider extends RuntimeException {
        public UnsupportedProvider(String message) {
            super(message);
        }
    }
}
