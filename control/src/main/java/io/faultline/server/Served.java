package io.faultline.server;

import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** A {@link WebServer} on a Vert.x of its own, as a command starts it: the run's Vert.x comes and goes. */
public final class Served implements AutoCloseable {
    private final Vertx vertx;
    private final WebServer server;

    private Served(Vertx vertx, WebServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts listening; fails with the reason (say, the port is taken) after closing what it opened. */
    public static Served start(RunService runs, WebServer.Settings settings) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            WebServer server = new WebServer(vertx, runs, settings).start().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return new Served(vertx, server);
        } catch (java.util.concurrent.ExecutionException e) {
            vertx.close();
            throw new IllegalStateException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
