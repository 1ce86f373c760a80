package io.faultline.control;

import io.faultline.run.ConfigProblem;
import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.config.ArchiveConfig;
import io.faultline.config.ServiceConfig;
import io.faultline.config.TestConfig;
import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.GeneratorRunner;
import io.faultline.generator.Generators;
import io.faultline.generator.Rng;
import io.faultline.generator.VertxScheduler;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.Op;
import io.faultline.json.Json;
import io.faultline.nemesis.NemesisSchedule;
import io.faultline.protocol.Addresses;
import io.faultline.protocol.AgentContract;
import io.faultline.protocol.Messages.AgentHello;
import io.faultline.protocol.Messages.CloseClients;
import io.faultline.protocol.Messages.CollectLogs;
import io.faultline.protocol.Messages.HealAll;
import io.faultline.protocol.Messages.Invoke;
import io.faultline.protocol.Messages.OpenClients;
import io.faultline.protocol.Messages.SetupDb;
import io.faultline.protocol.Messages.Shutdown;
import io.faultline.protocol.Messages.TeardownDb;
import io.faultline.protocol.RecordCodec;
import io.faultline.provision.Provider;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.run.RunOutcome;
import io.faultline.report.RunReport;
import io.faultline.run.Results;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadContext;
import io.faultline.workload.Workloads;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs one test from config to verdict: provision → register agents → db setup → open clients → run
 * (clients and nemesis until the time limit) → heal → recovery wait → final phase → teardown → check →
 * results. Each phase is logged once; whatever fails, the cluster is healed and torn down, and the outcome
 * says why. The control decides (generators, nemesis plan, seeded); agents act (DESIGN.md decision 7).
 */
public final class ControlVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);
    private static final long LEASE_MILLIS = 10_000;
    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FINAL_PHASE_LIMIT = Duration.ofSeconds(60);
    private static final long PROGRESS_EVERY_MS = 2_000;
    private static final long CLOCK_PROBE_EVERY_MS = 10_000;
    private static final String ABORTED = "aborted";
    /** What still runs once a run is aborted: faults are healed and everything is torn down and checked. */
    private static final java.util.Set<String> AFTER_ABORT = java.util.Set.of("heal", "teardown", "check");

    /** The failure that skips the phases an abort leaves out. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super(ABORTED, null, false, false);
        }
    }

    private final TestConfig config;
    private final RunDirectory dir;
    private final Provider provider;
    private final Checker checker;
    private final long seed;
    private final Promise<RunOutcome> outcome;
    private final Progress progress = new Progress();
    private final Map<String, Long> phaseMillis = new LinkedHashMap<>();
    private final Instant started = Instant.now();

    private long runStart;
    /** The wall-clock instant of {@link #runStart}: time 0 of the history, recorded so node logs can be placed on it. */
    private Instant origin;
    private Addresses addresses;
    private Agents agents;
    private ClockSync clocks;
    private HistoryRecorder recorder;
    private Nemesis nemesis;
    private Workload workload;
    private WorkloadContext workloadContext;
    private GeneratorRunner runner;
    private String trouble;
    private boolean badConfig;
    private boolean setUpOnly;
    private final RunObserver observer;
    /** Set by {@link RunHandle#abort()}: phases before teardown are skipped, the verdict is unknown. */
    private boolean aborted;
    private boolean inMainPhase;
    private String stoppedEarly;

    public ControlVerticle(TestConfig config, RunDirectory dir, Provider provider, Checker checker, long seed,
                           Promise<RunOutcome> outcome) {
        this(config, dir, provider, checker, seed, outcome, RunObserver.NONE);
    }

    public ControlVerticle(TestConfig config, RunDirectory dir, Provider provider, Checker checker, long seed,
                           Promise<RunOutcome> outcome, RunObserver observer) {
        this.observer = observer;
        this.config = config;
        this.dir = dir;
        this.provider = provider;
        this.checker = checker;
        this.seed = seed;
        this.outcome = outcome;
    }

    /**
     * Stops after db setup and leaves the cluster running ({@code faultline up}): the outcome is valid once every node,
     * agent, service and database is up; after a failure everything is torn down and the outcome says why.
     */
    public ControlVerticle settingUpOnly() {
        this.setUpOnly = true;
        return this;
    }

    @Override
    public Future<?> start() throws Exception {
        RecordCodec.registerAll(vertx.eventBus());
        runStart = System.nanoTime();
        origin = Instant.now();
        addresses = new Addresses(dir.id());
        agents = new Agents(vertx, context, addresses, config.nodes(), LEASE_MILLIS);
        clocks = new ClockSync(agents, runStart);
        recorder = new HistoryRecorder(vertx, addresses, clocks, dir.history(), this::onRecorded, agents::acknowledge);
        nemesis = new Nemesis(agents, recorder);
        workload = Workloads.byName(config.workload().name());
        workloadContext = RunCheckers.workloadContext(config, Rng.seeded(seed).fork());
        observer.started(handle(), dir, config, seed);
        Future.all(agents.listen(), recorder.listen()).onComplete(ready -> {
            if (ready.failed()) outcome.tryFail(ready.cause());
            else run();
        });
        return Future.succeededFuture();
    }

    private void run() {
        LOG.info("run {}: {} nodes, concurrency {}, workload {} via client {}, nemesis {}, seed {}", dir.id(),
                config.nodes().size(), config.concurrency(), config.workload().name(), config.workload().client(),
                config.nemesis().faults().isEmpty() ? "none" : config.nemesis().faults(), seed);
        if (config.db().name().equals("etcd") && config.nemesis().faults().contains("clock")) {
            LOG.warn("clock faults reach programs that read time through libc (libfaketime); etcd is a Go program that reads"
                    + " the kernel's clock directly, so its clock will not move");
        }
        Future<Void> setUp = phase("provision", () -> provider.start(config, contracts(), dir::nodeDir))
                .compose(v -> phase("register", () -> agents.awaitAll(REGISTER_TIMEOUT).compose(x -> checkCapabilities())))
                .compose(v -> clocks.probeAll())
                .compose(v -> phase("setup-db", () -> rehearsedDuring(agents.commandAll(new SetupDb(archiveCredentials()), setupTimeout()))))
                .mapEmpty();
        if (setUpOnly) {
            leaveSetUp(setUp);
            return;
        }
        setUp
                .compose(v -> phase("open-clients", this::openClients))
                .compose(v -> phase("run", this::mainPhase))
                .compose(v -> phase("heal", nemesis::healAll))
                .compose(v -> phase("recovery", () -> sleep(config.finalPhase().recovery())))
                .compose(v -> phase("final", this::finalPhase))
                .onFailure(this::noteTrouble)
                .<Void>transform(v -> phase("teardown", this::teardown))
                .compose(v -> phase("check", this::check))
                .onComplete(done -> {
                    observer.concluded(done.result(), done.cause());
                    if (done.failed()) outcome.tryFail(done.cause());
                    else outcome.tryComplete(done.result());
                });
    }

    /** Rehearses the run phase's client ops while {@code setUp} runs, unless no run phase follows. */
    private <T> Future<T> rehearsedDuring(Future<T> setUp) {
        if (setUpOnly) return setUp;
        // Seeded apart from the run's generators, and on a context of its own, so the run is the same with or without it.
        Rng rng = Rng.seeded(~seed);
        return new Rehearsal(vertx, context, addresses, this::nodeOf, clocks, runStart)
                .during(setUp, clientOps(RunCheckers.workloadContext(config, rng.fork()), rng), config.concurrency());
    }

    private void leaveSetUp(Future<Void> setUp) {
        setUp.onSuccess(v -> {
            // The nodes stay; only this control leaves them, which takes no fault with it (none was applied).
            agents.close().eventually(recorder::close).onComplete(closed -> outcome.tryComplete(RunOutcome.of(Verdict.VALID,
                    "up: " + config.nodes().size() + " nodes with their agents and " + config.db().name()
                            + (config.services().isEmpty() ? "" : ", services " + String.join(", ",
                            config.services().stream().map(ServiceConfig::name).toList())), dir)));
        }).onFailure(e -> {
            noteTrouble(e);
            phase("teardown", this::teardown).onComplete(done -> outcome.tryComplete(badConfig
                    ? RunOutcome.badConfig(trouble, dir) : RunOutcome.of(Verdict.UNKNOWN, trouble, dir)));
        });
    }

    private RunHandle handle() {
        List<String> clientNodes = config.nodes().subList(0, Math.min(config.nodes().size(), config.concurrency()));
        return new RunHandle() {
            @Override
            public void stopEarly(String why) {
                context.runOnContext(v -> {
                    if (!inMainPhase || stoppedEarly != null || runner == null) return;
                    stoppedEarly = why;
                    LOG.warn("run: stopping early: {}", why);
                    runner.stop();
                });
            }

            @Override
            public void abort() {
                context.runOnContext(v -> {
                    if (aborted) return;
                    aborted = true;
                    LOG.warn("run: aborted; healing and tearing down");
                    if (runner != null) runner.stop();
                });
            }

            @Override
            public long watermark() {
                return recorder.watermark(clientNodes);
            }
        };
    }

    /**
     * Runs a phase and hands its result back on this verticle's context: a phase's future may complete on
     * another Vert.x's thread (a provider's, the agents' in the local provider), and everything the control
     * does — generator runner, agents directory, recorder callbacks — must stay on one event loop.
     */
    private <T> Future<T> phase(String name, Supplier<Future<T>> body) {
        if (aborted && !AFTER_ABORT.contains(name)) return Future.failedFuture(new Aborted());
        LOG.info("phase: {}", name);
        long t0 = System.nanoTime();
        observer.phase(name, t0 - runStart);
        Future<T> result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        Promise<T> onControl = Promise.promise();
        result.onComplete(done -> context.runOnContext(v -> {
            phaseMillis.put(name, (System.nanoTime() - t0) / 1_000_000);
            onControl.handle(done);
        }));
        return onControl.future();
    }

    private void noteTrouble(Throwable e) {
        if (aborted) {
            trouble = ABORTED;
            return;
        }
        badConfig = e instanceof ConfigProblem;
        trouble = (badConfig ? "" : "setup failed: ") + e.getMessage();
        LOG.error("{}", trouble);
    }

    private Future<Void> checkCapabilities() {
        for (String node : config.nodes()) {
            AgentHello hello = agents.hello(node);
            for (NemesisSchedule.Chosen chosen : faultFamilies()) {
                for (String kind : chosen.family().kinds(chosen.settings())) {
                    if (hello.faultKinds().contains(kind)) continue;
                    String why = chosen.family().lacking(kind);
                    throw new ConfigProblem("nemesis.faults: '" + chosen.family().name() + "' cannot be injected on " + node
                            + " with provider " + config.cluster().provider() + ": it offers " + new TreeSet<>(hello.faultKinds())
                            + ", not " + kind + (why.isEmpty() ? "" : "; " + why) + ". Remove it from nemesis.faults.");
                }
            }
            if (!hello.clients().contains(config.workload().client())) {
                throw new ConfigProblem("workload.client: no client named '" + config.workload().client() + "' on " + node
                        + "; available: " + hello.clients() + " (a plugin must be on the agent's class path)");
            }
        }
        return Future.succeededFuture();
    }

    /** What each node's agent is told: the provider hands it over, and adds where the node meets the run. */
    private List<AgentContract> contracts() {
        Map<String, Object> options = new HashMap<>(config.workload().options());
        options.putAll(workload.clientOptions());
        options.putIfAbsent("name", config.workload().name());
        long timeout = config.workload().timeout().toMillis();
        options.putIfAbsent("timeout-ms", timeout);
        AgentContract.Clients clients = new AgentContract.Clients(config.workload().client(), timeout, options);
        return config.nodes().stream()
                .map(node -> new AgentContract(dir.id(), node, config.nodes(), config.db().withoutCredentials(), clients,
                        LEASE_MILLIS, null, config.plugins().stream().map(p -> p.toAbsolutePath().toString()).toList()))
                .toList();
    }

    private ArchiveConfig.Credentials archiveCredentials() {
        return config.db().archive() == null ? null : config.db().archive().credentials();
    }

    private List<NemesisSchedule.Chosen> faultFamilies() {
        return NemesisSchedule.Plan.chosen(config);
    }

    private Future<Void> openClients() {
        Map<String, List<Integer>> threadsByNode = new LinkedHashMap<>();
        for (String node : config.nodes()) threadsByNode.put(node, new ArrayList<>());
        for (int thread = 0; thread < config.concurrency(); thread++) threadsByNode.get(nodeOf(thread)).add(thread);
        List<Future<?>> opened = new ArrayList<>();
        threadsByNode.forEach((node, threads) -> opened.add(agents.command(node, new OpenClients(threads), COMMAND_TIMEOUT)));
        return Future.all(opened).mapEmpty();
    }

    private String nodeOf(int thread) {
        return config.nodes().get(thread % config.nodes().size());
    }

    private Future<Void> mainPhase() {
        Rng rng = Rng.seeded(seed).next();
        Generator gen = Generators.clients(clientOps(workloadContext, rng));
        if (!config.nemesis().faults().isEmpty()) {
            NemesisSchedule.Plan plan = NemesisSchedule.Plan.forConfig(config);
            gen = Generators.any(gen, Generators.nemesis(NemesisSchedule.of(rng.next().fork(), plan)));
        }
        long clockTimer = vertx.setPeriodic(CLOCK_PROBE_EVERY_MS, id -> clocks.probeAll());
        inMainPhase = true;
        return runGenerator(Generators.timeLimit(config.timeLimit(), gen), config.timeLimit())
                .onComplete(done -> {
                    inMainPhase = false;
                    vertx.cancelTimer(clockTimer);
                });
    }

    /** The workload's client ops at the configured rate. */
    private Generator clientOps(WorkloadContext context, Rng rng) {
        Generator clients = workload.generator(context);
        return config.workload().rate() == null ? clients : Generators.rate(rng.fork(), config.workload().rate(), clients);
    }

    private Future<Void> finalPhase() {
        Generator gen = workload.finalGenerator(workloadContext);
        if (gen == null || !config.finalPhase().reads()) return Future.succeededFuture();
        return runGenerator(Generators.timeLimit(FINAL_PHASE_LIMIT, Generators.clients(gen)), FINAL_PHASE_LIMIT);
    }

    /** Drives a generator until it is exhausted and every op it started has completed. */
    private Future<Void> runGenerator(Generator gen, Duration limit) {
        Promise<Void> done = Promise.promise();
        GeneratorRunner current = new GeneratorRunner(gen, config.concurrency(), new VertxScheduler(vertx, runStart),
                (thread, op) -> dispatch(thread, op));
        runner = current;
        progress.phaseStarted(System.nanoTime());
        long progressTimer = vertx.setPeriodic(PROGRESS_EVERY_MS, id -> LOG.info("{}", progress.line(System.nanoTime())));
        // Past the limit nothing new starts; what is still running gets the client timeout to finish. An op
        // whose agent never answers (lost with its node) must not hold the run forever: after a grace period
        // the phase ends, and the verdict cannot be trusted.
        long timeout = config.workload().timeout().toMillis();
        long stopTimer = vertx.setTimer(limit.toMillis() + timeout + 1_000, id -> current.stop());
        long abandonTimer = vertx.setTimer(limit.toMillis() + 3 * timeout + 10_000, id -> {
            if (done.tryComplete()) {
                trouble = "operations never came back from their agents (an agent or its messages were lost)";
                LOG.error("run: {}", trouble);
            }
        });
        current.onDone(() -> {
            vertx.cancelTimer(progressTimer);
            vertx.cancelTimer(stopTimer);
            vertx.cancelTimer(abandonTimer);
            done.tryComplete();
        });
        current.start();
        return done.future();
    }

    private void dispatch(int thread, Op op) {
        if (thread == Context.NEMESIS_THREAD) {
            GeneratorRunner current = runner;
            nemesis.invoke(op, completion -> {
                observer.nemesis(completion);
                current.complete(completion);
            });
        } else {
            agents.invoke(nodeOf(thread), new Invoke(thread, op.process(), op.f(), op.key(), op.value()));
        }
    }

    private void onRecorded(Op op) {
        progress.record(op);
        observer.recorded(op);
        // A completion after its phase was given up on (lost agent) belongs to no running generator.
        if (!op.isInvoke() && runner != null && !runner.isDone()) runner.complete(op);
    }

    private Future<Void> sleep(Duration duration) {
        Promise<Void> slept = Promise.promise();
        if (duration.isZero()) return Future.succeededFuture();
        vertx.setTimer(duration.toMillis(), id -> slept.complete());
        return slept.future();
    }

    private Future<Void> teardown() {
        return quietly(agents.commandAll(new HealAll(), COMMAND_TIMEOUT), "heal")
                .eventually(() -> quietly(agents.commandAll(new CloseClients(), COMMAND_TIMEOUT), "close clients"))
                .eventually(this::collectLogs)
                .eventually(() -> quietly(agents.commandAll(new TeardownDb(), COMMAND_TIMEOUT), "db teardown"))
                .eventually(() -> quietly(agents.commandAll(new Shutdown(), COMMAND_TIMEOUT), "agent shutdown"))
                // Unsubscribe while the cluster is whole: after the nodes are gone it waits on member timeouts.
                .eventually(agents::close)
                .eventually(() -> quietly(recorder.close(), "history close"))
                .eventually(() -> quietly(provider.stop(), "provider stop"))
                .mapEmpty();
    }

    private Future<Void> collectLogs() {
        List<Future<?>> all = new ArrayList<>();
        for (String node : config.nodes()) {
            if (agents.hello(node) == null) continue;
            all.add(agents.command(node, new CollectLogs(), COMMAND_TIMEOUT).compose(reply -> {
                if (reply.logs() == null || reply.logs().isEmpty()) return Future.succeededFuture();
                return vertx.executeBlocking(() -> {
                    for (Map.Entry<String, String> log : reply.logs().entrySet()) {
                        Files.writeString(dir.nodeDir(node).resolve(log.getKey()), log.getValue(), StandardCharsets.UTF_8);
                    }
                    return null;
                });
            }));
        }
        return quietly(Future.join(all), "log collection").mapEmpty();
    }

    private static <T> Future<Object> quietly(Future<T> step, String what) {
        return step.<Object>map(v -> v).recover(e -> {
            LOG.warn("teardown: {} failed: {}", what, e.getMessage());
            return Future.succeededFuture();
        });
    }

    private Future<RunOutcome> check() {
        return recorder.close().compose(v -> vertx.executeBlocking(() -> {
            History history = History.read(dir.history(), HistoryFormat.JSONL).inTimeOrder();
            CheckResult result = trouble == null ? checker.check(history) : null;
            return conclude(history, result);
        }, false));
    }

    private RunOutcome conclude(History history, CheckResult result) throws java.io.IOException {
        Verdict verdict;
        String why;
        if (trouble != null) {
            verdict = Verdict.UNKNOWN;
            why = trouble;
        } else if (!provider.outages().isEmpty()) {
            verdict = Verdict.UNKNOWN;
            why = String.join("; ", provider.outages().stream().map(o -> o.describe(runStart)).toList())
                    + ": results can't be trusted";
        } else if (!nemesis.failures().isEmpty()) {
            verdict = Verdict.UNKNOWN;
            why = RunOutcome.nemesisFailed(nemesis.failures());
        } else {
            verdict = result.valid();
            why = Results.why(result);
        }
        Results results = new Results(verdict, why, null, config.name(), dir.id(), seed, started.toString(), origin.toString(),
                config.nodes(), config.concurrency(), config.workload().name(), config.workload().client(),
                config.plugins().isEmpty() ? null : config.plugins().stream().map(p -> p.toAbsolutePath().toString()).toList(),
                new Results.Nemesis(config.nemesis().faults(), nemesis.failures()), Results.Ops.of(history), phaseMillis, clocks(),
                result == null ? null : Results.byChecker(result));
        results.write(dir.results());
        LOG.info("verdict: {} ({})", verdict.word(), why);
        writeReport(history, results);
        return badConfig ? RunOutcome.badConfig(why, dir) : RunOutcome.of(verdict, why, dir);
    }

    /** The report is evidence, not the verdict: a report that cannot be written is logged and the run still concludes. */
    private void writeReport(History history, Results results) {
        try {
            LOG.info("report: {}", RunReport.write(dir.path(), history, results));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("report: could not be written: {}", e.toString());
        }
    }

    private Duration setupTimeout() {
        Duration ready = config.db().ready() == null ? Duration.ZERO : config.db().ready().timeout();
        return COMMAND_TIMEOUT.plus(ready);
    }

    /** Each node's last clock estimate, for results.json; a node never probed (setup failed early) is left out. */
    private Map<String, Results.Clock> clocks() {
        Map<String, Results.Clock> byNode = new java.util.LinkedHashMap<>();
        for (String node : config.nodes()) {
            ClockSync.Estimate estimate = clocks.estimate(node);
            if (estimate != null) byNode.put(node, new Results.Clock(estimate.offsetNanos(), estimate.uncertaintyNanos()));
        }
        return byNode.isEmpty() ? null : byNode;
    }
}
