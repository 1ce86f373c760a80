package io.faultline.cli;

import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.live.LiveRun;
import io.faultline.run.Results;
import io.faultline.run.RunOutcome;
import io.faultline.server.ApiToken;
import io.faultline.server.RunService;
import io.faultline.server.Served;
import io.faultline.server.WebServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "watchers", mixinStandardHelpOptions = true,
        description = {"What watching costs a run: the same test with no watchers and with --watchers WebSocket clients",
                "plus --slow ones that read slowly, alternately, --rounds times; and, with --live-check-config, a second",
                "test with live linearizability checking off and on. Prints each run's throughput and the drops."})
final class BenchWatchersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The test to watch, e.g. docker/examples/local-noop-bench.yaml.")
    Path configFile;

    @Option(names = "--watchers", defaultValue = "50", description = "Clients reading as fast as they can (default: ${DEFAULT-VALUE}).")
    int watchers;

    @Option(names = "--slow", defaultValue = "5", description = "Clients reading one message a second (default: ${DEFAULT-VALUE}).")
    int slow;

    @Option(names = "--rounds", defaultValue = "2", description = "Pairs of runs, alternating (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--live-check-config", paramLabel = "CONFIG.yaml",
            description = "A test with a linearizability checker, run with live checking off and on.")
    Path liveCheckConfig;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Override both tests' time-limit.")
    String timeLimit;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where the runs go while measured; each is deleted after.")
    Path store;

    /** @param load the machine's load average at the end of the run: other work on it skews a pair of runs */
    private record Measured(double opsPerSecond, double opsPerCpuSecond, long fastMessages, long slowMessages, String verdict, double load) {
    }

    private int connected;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("machine: %d cores, %d MiB max heap, Java %s; watchers run in this JVM on a Vert.x of their own%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        List<ConfigLoader.Override> overrides = timeLimit == null ? List.of() : List.of(new ConfigLoader.Override("time-limit", timeLimit));
        LoadedConfig config = ConfigLoader.load(configFile, overrides, System.getenv());
        // The watchers' side on one event loop, as a browser's tabs share little of the server's machine.
        Vertx clients = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        try {
            double[] none = new double[rounds];
            double[] watched = new double[rounds];
            double[] noneCpu = new double[rounds];
            double[] watchedCpu = new double[rounds];
            Measured warmUp = measure(config, clients, watchers, slow, false);
            out.printf("warm-up: %,.0f ops/s (not counted)%n", warmUp.opsPerSecond());
            for (int round = 0; round < rounds; round++) {
                // Every other round the watched run goes first, so neither side always follows the other.
                Measured seen = round % 2 == 1 ? measure(config, clients, watchers, slow, false) : null;
                int seenConnected = connected;
                Measured alone = measure(config, clients, 0, 0, false);
                if (seen == null) {
                    seen = measure(config, clients, watchers, slow, false);
                    seenConnected = connected;
                }
                none[round] = alone.opsPerSecond();
                noneCpu[round] = alone.opsPerCpuSecond();
                out.printf("round %d: %-38s %,10.0f ops/s, %,10.0f ops per CPU second (%s, load %.1f)%n", round + 1, "no watchers",
                        alone.opsPerSecond(), alone.opsPerCpuSecond(), alone.verdict(), alone.load());
                watched[round] = seen.opsPerSecond();
                watchedCpu[round] = seen.opsPerCpuSecond();
                out.printf("round %d: %-38s %,10.0f ops/s, %,10.0f ops per CPU second (%s, load %.1f); %d connected;"
                                + " messages per fast client %d, per slow client %d%n",
                        round + 1, watchers + " watchers + " + slow + " slow readers", seen.opsPerSecond(), seen.opsPerCpuSecond(),
                        seen.verdict(), seen.load(), seenConnected,
                        seen.fastMessages(), seen.slowMessages());
                out.flush();
            }
            double drop = 100 * (1 - median(watched) / median(none));
            out.printf("throughput with %d + %d watchers vs none (medians): %,.0f vs %,.0f ops/s, a drop of %.1f%%%n",
                    watchers, slow, median(watched), median(none), drop);
            out.printf("ops per CPU second with %d + %d watchers vs none (medians): %,.0f vs %,.0f, a drop of %.1f%%%n",
                    watchers, slow, median(watchedCpu), median(noneCpu), 100 * (1 - median(watchedCpu) / median(noneCpu)));
            if (liveCheckConfig != null) {
                LoadedConfig checked = ConfigLoader.load(liveCheckConfig, overrides, System.getenv());
                double[] off = new double[rounds];
                double[] on = new double[rounds];
                double[] offCpu = new double[rounds];
                double[] onCpu = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    Measured with = round % 2 == 1 ? measure(checked, clients, 0, 0, true) : null;
                    Measured without = measure(checked, clients, 0, 0, false);
                    if (with == null) with = measure(checked, clients, 0, 0, true);
                    off[round] = without.opsPerSecond();
                    on[round] = with.opsPerSecond();
                    offCpu[round] = without.opsPerCpuSecond();
                    onCpu[round] = with.opsPerCpuSecond();
                    out.printf("round %d: %s live check off %,10.0f ops/s, %,10.0f per CPU s (%s, load %.1f);"
                                    + " on %,10.0f ops/s, %,10.0f per CPU s (%s, load %.1f)%n", round + 1, checked.config().name(),
                            off[round], offCpu[round], without.verdict(), without.load(), on[round], onCpu[round], with.verdict(), with.load());
                    out.flush();
                }
                out.printf("live checking's cost on %s (medians): %,.0f vs %,.0f ops/s, a drop of %.1f%%%n", checked.config().name(),
                        median(on), median(off), 100 * (1 - median(on) / median(off)));
                out.printf("live checking's cost in ops per CPU second (medians): %,.0f vs %,.0f, a drop of %.1f%%%n",
                        median(onCpu), median(offCpu), 100 * (1 - median(onCpu) / median(offCpu)));
            }
            out.flush();
            return 0;
        } finally {
            clients.close();
        }
    }

    private Measured measure(LoadedConfig config, Vertx clients, int fast, int slowOnes, boolean liveCheck) throws Exception {
        LiveRun live = new LiveRun(liveCheck);
        RunService runs = new RunService(store, liveCheck);
        runs.attach(live);
        AtomicLong fastMessages = new AtomicLong();
        AtomicLong slowMessages = new AtomicLong();
        RunPhaseCpu cpu = new RunPhaseCpu();
        List<WebSocket> sockets = new ArrayList<>();
        List<Long> timers = new ArrayList<>();
        List<WebSocketClient> held = new ArrayList<>();
        try (Served served = Served.start(runs, new WebServer.Settings("127.0.0.1", 0, ApiToken.from(System.getenv()), List.of()))) {
            // Connect from the clients' own Vert.x, not from the control's event loop that announces the id.
            live.id().thenAccept(id -> clients.runOnContext(start -> {
                WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(served.port())
                        .setURI("/api/runs/" + id + "/live");
                for (int i = 0; i < fast + slowOnes; i++) {
                    connect(clients, options, i >= fast, 1, ws -> {
                        boolean isSlow = sockets.size() >= fast;
                        synchronized (sockets) {
                            sockets.add(ws);
                        }
                        return isSlow;
                    }, fastMessages, slowMessages, timers, held);
                }
            }));
            RunOutcome outcome = new RunLauncher(config, store).withObserver(cpu.watching(live)).run();
            connected = sockets.size();
            Results results = Results.read(outcome.dir().results());
            long runMs = results.phaseMs().getOrDefault("run", 0L);
            double opsPerSecond = results.ops().completions() * 1000.0 / Math.max(1, runMs);
            double opsPerCpuSecond = results.ops().completions() / Math.max(1e-9, cpu.seconds());
            synchronized (timers) {
                timers.forEach(clients::cancelTimer);
            }
            synchronized (sockets) {
                sockets.forEach(ws -> ws.close());
            }
            synchronized (held) {
                held.forEach(WebSocketClient::close);
            }
            deleteRun(outcome.dir().path());
            return new Measured(opsPerSecond, opsPerCpuSecond, fast == 0 ? 0 : fastMessages.get() / fast, slowOnes == 0 ? 0 : slowMessages.get() / slowOnes,
                    outcome.verdict().word(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * This process's CPU time during the run phase: on a machine that other work keeps busy, wall-clock
     * throughput follows the share of the cores the process gets; operations per CPU second do not.
     */
    private static final class RunPhaseCpu {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private volatile long start = -1;
        private volatile long end = -1;

        double seconds() {
            return start < 0 || end < 0 ? 0 : (end - start) / 1e9;
        }

        io.faultline.control.RunObserver watching(LiveRun live) {
            return new io.faultline.control.RunObserver() {
                @Override
                public void started(io.faultline.control.RunHandle handle, io.faultline.run.RunDirectory dir,
                                    io.faultline.config.TestConfig config, long seed) {
                    live.started(handle, dir, config, seed);
                }

                @Override
                public void phase(String name, long runNanos) {
                    if (name.equals("run")) start = os.getProcessCpuTime();
                    else if (start >= 0 && end < 0) end = os.getProcessCpuTime();
                    live.phase(name, runNanos);
                }

                @Override
                public void recorded(io.faultline.history.Op op) {
                    live.recorded(op);
                }

                @Override
                public void nemesis(io.faultline.history.Op completion) {
                    live.nemesis(completion);
                }

                @Override
                public void concluded(RunOutcome outcome, Throwable failure) {
                    live.concluded(outcome, failure);
                }
            };
        }
    }

    /** Connects one watcher, retrying a refused handshake: a loaded machine drops a few of 55 at once. */
    private static void connect(Vertx clients, WebSocketConnectOptions options, boolean slow, int attempt,
                                java.util.function.Function<WebSocket, Boolean> added, AtomicLong fastMessages,
                                AtomicLong slowMessages, List<Long> timers, List<WebSocketClient> held) {
        // One client each, as separate watchers have; a slow reader's small receive buffer makes the server's
        // write queue fill, as over a slow link. Each is held to the end: Vert.x shuts an unreferenced client
        // down when it is collected, and with it a handshake in progress.
        WebSocketClient client = clients.createWebSocketClient(slow
                ? new WebSocketClientOptions().setReceiveBufferSize(1024) : new WebSocketClientOptions());
        synchronized (held) {
            held.add(client);
        }
        ClientWebSocket socket = client.webSocket();
        socket.textMessageHandler(text -> (slow ? slowMessages : fastMessages).incrementAndGet());
        socket.connect(options).onSuccess(ws -> {
            ws.closeHandler(v -> client.close());
            added.apply(ws);
            if (slow) {
                ws.pause();
                synchronized (timers) {
                    timers.add(clients.setPeriodic(1000, t -> ws.fetch(1)));
                }
            }
        }).onFailure(e -> {
            client.close();
            if (attempt < 5) clients.setTimer(200L * attempt, t -> connect(clients, options, slow, attempt + 1, added, fastMessages, slowMessages, timers, held));
            else System.err.println("bench watchers: a watcher could not connect after " + attempt + " attempts: " + e.getMessage());
        });
    }

    /** The bench's runs are many and large (a noop run records millions of ops); only the figures are kept. */
    private static void deleteRun(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(p);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
