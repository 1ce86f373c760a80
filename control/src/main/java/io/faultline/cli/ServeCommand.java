package io.faultline.cli;

import io.faultline.server.RunService;
import io.faultline.server.Served;
import io.faultline.server.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web page and the HTTP API for every run in the store, and start runs posted to it.",
                "GET / is the page; /api/runs lists runs; POST /api/runs (a YAML or JSON config) starts one."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where runs are kept (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--no-live-check", description = "Do not check the history for linearizability while runs go on.")
    boolean noLiveCheck;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WebServer.Settings settings = server.settings(port, System.getenv());
        Served served = Served.start(new RunService(store, !noLiveCheck), settings);
        ServerOptions.announce(out, served.url(), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                served.close();
            } catch (Exception e) {
                // Exiting anyway.
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
