package io.faultline.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.checker.Checker;
import io.faultline.config.TestConfig;
import io.faultline.control.RunHandle;
import io.faultline.control.RunObserver;
import io.faultline.fault.FaultFamily;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.json.Json;
import io.faultline.run.RunCheckers;
import io.faultline.run.RunDirectory;
import io.faultline.run.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a watcher sees of one run while it goes on: the phase, progress every {@value #TICK_MS} ms (counts by
 * f and type, throughput and latency quantiles of the window), nemesis actions, live anomalies and the
 * verdict, as JSON messages to its listeners, and a snapshot of all of it for a listener that joins late.
 *
 * <p>The control calls in on its event loop; this class only counts there, under a short lock. Messages are
 * built on its own ticker thread and handed to listeners, which must not block (the server's copy them onto
 * their sockets' contexts).
 */
public final class LiveRun implements RunObserver {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);
    static final long TICK_MS = 250;
    /** Progress kept for the snapshot: an hour at four a second, then the oldest go. */
    private static final int SERIES_KEPT = 14_400;
    private static final int LATENCY_SAMPLES = 1 << 15;
    private static final String[] TYPES = {"ok", "fail", "info"};

    /** One message: its type (progress may be coalesced or dropped for a slow reader; the others may not) and its JSON. */
    public record Message(String type, String json) {
        public boolean droppable() {
            return type.equals("progress");
        }
    }

    /** Receives every message after the snapshot it subscribed with; must return at once. */
    public interface Listener {
        void send(Message message);
    }

    private final boolean liveCheck;
    private final CompletableFuture<String> id = new CompletableFuture<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-live");
        t.setDaemon(true);
        return t;
    });

    // Everything below is guarded by this.
    private TestConfig config;
    private RunDirectory dir;
    private RunHandle handle;
    private long seed;
    private Instant startedAt;
    private long startNanos;
    private String phase = "starting";
    private final List<Map<String, Object>> phases = new ArrayList<>();
    private final Map<String, long[]> countsByF = new TreeMap<>();
    private final Map<Integer, Long> invokedAt = new HashMap<>();
    private final long[] latencies = new long[LATENCY_SAMPLES];
    private int latencySeen;
    private long windowCompletions;
    private long windowStart;
    private final ArrayDeque<String> series = new ArrayDeque<>();
    private final List<String> nemesisEvents = new ArrayList<>();
    private String checkerState;
    private String anomaly;
    private String verdict;
    private volatile AnomalyWatch watch;

    /** @param liveCheck whether to check the history for linearizability while the run goes on */
    public LiveRun(boolean liveCheck) {
        this.liveCheck = liveCheck;
    }

    /** Completes with the run's id once it has a directory; fails if the run never gets one. */
    public CompletableFuture<String> id() {
        return id;
    }

    public synchronized RunHandle handle() {
        return handle;
    }

    public synchronized boolean finished() {
        return verdict != null;
    }

    public synchronized String phase() {
        return phase;
    }

    /** The first anomaly live checking found, as its message's JSON, or null. */
    public synchronized String anomaly() {
        return anomaly;
    }

    /**
     * Subscribes {@code listener} and returns the snapshot it starts from, atomically: every message after
     * the snapshot reaches the listener, none before it does.
     */
    public synchronized String subscribe(Listener listener) {
        listeners.add(listener);
        return snapshot();
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void started(RunHandle handle, RunDirectory dir, TestConfig config, long seed) {
        synchronized (this) {
            this.handle = handle;
            this.dir = dir;
            this.config = config;
            this.seed = seed;
            this.startedAt = Instant.now();
            this.startNanos = System.nanoTime();
            this.windowStart = startNanos;
            Checker linearizable = liveCheck ? RunCheckers.linearizable(config, AnomalyWatch.CHECK_TIME_LIMIT) : null;
            if (linearizable != null) {
                watch = new AnomalyWatch(linearizable, handle, this::anomalyFound, this::checkerProgress,
                        RunCheckers.stopOnInvalid(config));
                watch.start();
            }
            ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
        // Outside the lock: whoever waits for the id (a registry, the command's URL line) may take locks of its own.
        id.complete(dir.id());
    }

    /** The run failed before it had a directory (a config the build cannot run, say). */
    public void failedToStart(Throwable e) {
        id.completeExceptionally(e);
        ticker.shutdownNow();
    }

    @Override
    public synchronized void phase(String name, long runNanos) {
        phase = name;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "phase");
        m.put("phase", name);
        m.put("t", seconds(runNanos));
        phases.add(m);
        broadcast("phase", json(m));
    }

    @Override
    public void recorded(Op op) {
        if (watch != null) watch.add(op);
        synchronized (this) {
            if (op.isInvoke()) {
                invokedAt.put(op.process(), op.time());
                return;
            }
            long[] counts = countsByF.computeIfAbsent(op.f(), f -> new long[3]);
            counts[op.type() == OpType.OK ? 0 : op.type() == OpType.FAIL ? 1 : 2]++;
            windowCompletions++;
            Long start = invokedAt.remove(op.process());
            if (start != null) {
                // Reservoir sampling: past the array's size each completion replaces a random sample, so the
                // quantiles stay those of the whole window.
                int slot = latencySeen < LATENCY_SAMPLES ? latencySeen : ThreadLocalRandom.current().nextInt(latencySeen + 1);
                if (slot < LATENCY_SAMPLES) latencies[slot] = op.time() - start;
                latencySeen++;
            }
        }
    }

    @Override
    public synchronized void nemesis(Op completion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "nemesis");
        String f = completion.f();
        boolean start = completion.value() instanceof FaultFamily.Start;
        m.put("event", start ? "start" : "stop");
        m.put("fault", f.replaceFirst("^(start|stop)-", ""));
        m.put("f", f);
        m.put("t", seconds(completion.time()));
        if (completion.value() instanceof FaultFamily.Start s) {
            m.put("targets", new ArrayList<>(new java.util.TreeSet<>(s.faults().keySet())));
            if (s.shown() instanceof Map<?, ?> shown && shown.containsKey("grudge")) m.put("grudge", shown.get("grudge"));
            m.put("value", s.shown());
        }
        m.put("ok", completion.type() == OpType.OK);
        if (completion.error() != null) m.put("error", completion.error());
        String json = json(m);
        nemesisEvents.add(json);
        broadcast("nemesis", json);
    }

    @Override
    public void concluded(RunOutcome outcome, Throwable failure) {
        if (watch != null) watch.stop();
        synchronized (this) {
            tick();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "verdict");
            m.put("verdict", outcome != null ? outcome.verdict().word() : "unknown");
            m.put("why", outcome != null ? outcome.summary() : "internal error: " + failure.getMessage());
            m.put("exit", outcome != null ? outcome.exitCode() : 255);
            verdict = json(m);
            phase = "done";
            broadcast("verdict", verdict);
        }
        ticker.shutdown();
    }

    private void anomalyFound(Map<String, Object> found) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "anomaly");
        m.putAll(found);
        synchronized (this) {
            if (anomaly != null) return;
            anomaly = json(m);
            broadcast("anomaly", anomaly);
        }
    }

    private void checkerProgress(Map<String, Object> state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "checker");
        m.putAll(state);
        synchronized (this) {
            checkerState = json(m);
            broadcast("checker", checkerState);
        }
    }

    private synchronized void tick() {
        if (config == null) return;
        long now = System.nanoTime();
        double windowSeconds = Math.max(1e-9, (now - windowStart) / 1e9);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "progress");
        m.put("t", seconds(now - startNanos));
        Map<String, Object> ops = new LinkedHashMap<>();
        long[] total = new long[3];
        countsByF.forEach((f, counts) -> {
            ops.put(f, typed(counts));
            for (int i = 0; i < 3; i++) total[i] += counts[i];
        });
        m.put("ops", ops);
        m.put("total", typed(total));
        m.put("throughput", Math.round(windowCompletions / windowSeconds));
        long[] window = Arrays.copyOf(latencies, Math.min(latencySeen, LATENCY_SAMPLES));
        if (window.length > 0) {
            Arrays.sort(window);
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", millis(quantile(window, 0.50)));
            latency.put("p95", millis(quantile(window, 0.95)));
            latency.put("p99", millis(quantile(window, 0.99)));
            m.put("latency", latency);
        }
        windowStart = now;
        windowCompletions = 0;
        latencySeen = 0;
        String json = json(m);
        series.addLast(json);
        if (series.size() > SERIES_KEPT) series.removeFirst();
        broadcast("progress", json);
    }

    private String snapshot() {
        StringBuilder s = new StringBuilder(256 + series.size() * 200);
        Map<String, Object> run = new LinkedHashMap<>();
        if (dir != null) {
            run.put("id", dir.id());
            run.put("name", config.name());
            run.put("started", startedAt.toString());
            run.put("seed", seed);
            run.put("nodes", config.nodes());
            run.put("concurrency", config.concurrency());
            run.put("workload", config.workload().name());
            run.put("faults", config.nemesis().faults());
            run.put("time-limit", seconds(config.timeLimit().toNanos()));
        }
        s.append("{\"type\":\"snapshot\",\"run\":").append(json(run));
        s.append(",\"phase\":").append(json(phase));
        s.append(",\"phases\":").append(json(phases));
        s.append(",\"progress\":[").append(String.join(",", series)).append(']');
        s.append(",\"nemesis\":[").append(String.join(",", nemesisEvents)).append(']');
        s.append(",\"checker\":").append(checkerState == null ? "null" : checkerState);
        s.append(",\"anomaly\":").append(anomaly == null ? "null" : anomaly);
        s.append(",\"verdict\":").append(verdict == null ? "null" : verdict);
        return s.append('}').toString();
    }

    private void broadcast(String type, String json) {
        Message message = new Message(type, json);
        for (Listener listener : listeners) {
            try {
                listener.send(message);
            } catch (RuntimeException e) {
                LOG.debug("a live listener failed: {}", e.getMessage());
            }
        }
    }

    private static Map<String, Object> typed(long[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) m.put(TYPES[i], counts[i]);
        return m;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live message could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
