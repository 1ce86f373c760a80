package io.faultline.live;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.checker.Verdict;
import io.faultline.control.RunHandle;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.run.Results;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks the history seen so far for linearizability while the run goes on, so an anomaly shows while it
 * happens and {@code stop-on-invalid} can end the run early.
 *
 * <p>Each round cuts the history at the control's watermark, below which every agent has delivered all its
 * events: an op invoked below it is in, its completion only if that is below it too, else the op is open and
 * so indeterminate. Linearizability is prefix-closed under that cut (an open op may take effect or not), so
 * an invalid prefix proves the whole run invalid. Keys are independent objects: only keys with new ops, or
 * with ops the last cut left open, are checked again, when all their ops are in or their prefix has grown by
 * half since its last check. Rounds run on one thread of their own and space
 * themselves so that checking takes at most {@value #CPU_BUDGET} of a core.
 */
final class AnomalyWatch {
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyWatch.class);
    /** A round's check of one key gives up (and the key is left to the final check) after this long. */
    static final Duration CHECK_TIME_LIMIT = Duration.ofSeconds(5);
    static final double CPU_BUDGET = 0.1;
    private static final long MIN_ROUND_GAP_MS = 500;
    /** Past this many ops in memory live checking stops; the final check still reads the whole history. */
    private static final long MAX_OPS_KEPT = 2_000_000;
    private static final Object NO_KEY = new Object();
    private static final double GROWTH = 1.5;
    private static final int MIN_GROWTH = 20;

    private final Checker checker;
    private final RunHandle handle;
    private final Consumer<Map<String, Object>> onAnomaly;
    private final Consumer<Map<String, Object>> onProgress;
    private final boolean stopOnInvalid;
    private final ConcurrentLinkedQueue<Op> inbox = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-live-check");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    // Touched by the worker thread only.
    private final Map<Object, KeyOps> keys = new HashMap<>();
    private final Set<Object> toCheck = new HashSet<>();
    private long kept;
    private long checkedOps;
    private long checkNanos;
    private int rounds;
    private boolean done;

    AnomalyWatch(Checker checker, RunHandle handle, Consumer<Map<String, Object>> onAnomaly,
                 Consumer<Map<String, Object>> onProgress, boolean stopOnInvalid) {
        this.checker = checker;
        this.handle = handle;
        this.onAnomaly = onAnomaly;
        this.onProgress = onProgress;
        this.stopOnInvalid = stopOnInvalid;
    }

    void start() {
        worker.schedule(this::round, MIN_ROUND_GAP_MS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        worker.shutdownNow();
    }

    /** Called on the control's event loop for every client op, in index order. */
    void add(Op op) {
        inbox.add(op);
    }

    private void round() {
        long t0 = System.nanoTime();
        try {
            check();
        } catch (RuntimeException | OutOfMemoryError e) {
            done = true;
            LOG.warn("live check: stopped ({}); the final check decides", e.toString());
        }
        long spent = System.nanoTime() - t0;
        checkNanos += spent;
        if (done) {
            inbox.clear();
            return;
        }
        long gap = Math.max(MIN_ROUND_GAP_MS, (long) (spent / 1e6 * (1 - CPU_BUDGET) / CPU_BUDGET));
        try {
            worker.schedule(this::round, gap, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The run is over; the final check takes it from here.
        }
    }

    private void check() {
        for (Op op; (op = inbox.poll()) != null; ) {
            Object key = op.key() == null ? NO_KEY : op.key();
            keys.computeIfAbsent(key, k -> new KeyOps()).ops.add(op);
            toCheck.add(key);
            kept++;
        }
        if (kept > MAX_OPS_KEPT) {
            done = true;
            LOG.warn("live check: stopped after {} ops in memory; the final check reads the whole history", kept);
            return;
        }
        long watermark = handle.watermark();
        if (watermark == Long.MIN_VALUE) return;
        int checkedKeys = 0;
        List<Object> settled = new ArrayList<>();
        for (Object key : toCheck) {
            KeyOps part = keys.get(key);
            if (part.gaveUp) {
                settled.add(key);
                continue;
            }
            Prefix prefix = part.prefix(watermark);
            boolean settledNow = prefix.open == 0 && prefix.ops.size() == part.ops.size();
            if (settledNow) settled.add(key);
            // A key still being worked is checked again once its prefix has grown by half, so a long-lived key
            // costs a few checks of its whole history rather than one per round; a settled one at once.
            boolean grown = prefix.ops.size() >= part.checkedSize * GROWTH + MIN_GROWTH;
            if (prefix.ops.size() == part.checkedSize || prefix.ops.isEmpty() || !(settledNow || grown)) continue;
            part.checkedSize = prefix.ops.size();
            checkedKeys++;
            checkedOps += prefix.ops.size();
            CheckResult result = checker.check(History.of(prefix.ops).inTimeOrder());
            if (result.valid() == Verdict.INVALID) {
                found(key, watermark, result);
                return;
            }
            if (result.valid() == Verdict.UNKNOWN) {
                part.gaveUp = true;
                LOG.info("live check: gave up on key {} ({}); the final check decides", shown(key), Results.why(result));
            }
        }
        settled.forEach(toCheck::remove);
        rounds++;
        if (checkedKeys > 0) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("live", true);
            state.put("status", "checking");
            state.put("watermark", LiveRun.seconds(watermark));
            state.put("keys", keys.size());
            state.put("keys-checked", checkedKeys);
            state.put("ops-checked", checkedOps);
            state.put("check-ms", checkNanos / 1_000_000);
            onProgress.accept(state);
        }
    }

    private void found(Object key, long watermark, CheckResult result) {
        done = true;
        String why = Results.why(result);
        Map<String, Object> anomaly = new LinkedHashMap<>();
        anomaly.put("key", key == NO_KEY ? null : key);
        anomaly.put("watermark", LiveRun.seconds(watermark));
        anomaly.put("why", why);
        anomaly.put("counterexample", result.details().get("counterexample"));
        anomaly.put("stopping", stopOnInvalid);
        Object ops = result.details().get("counterexample") instanceof Map<?, ?> ce
                ? Map.of("cannot-linearize", String.valueOf(ce.get("cannot-linearize")), "state", String.valueOf(ce.get("state")))
                : Map.of();
        LOG.warn("live check: anomaly in the history below {} s{}: {}; ops {}", LiveRun.seconds(watermark),
                key == NO_KEY ? "" : " on key " + key, why, ops);
        onAnomaly.accept(anomaly);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("live", true);
        state.put("status", "anomaly");
        state.put("watermark", LiveRun.seconds(watermark));
        state.put("check-ms", checkNanos / 1_000_000);
        onProgress.accept(state);
        if (stopOnInvalid) handle.stopEarly("live check found an anomaly" + (key == NO_KEY ? "" : " on key " + key) + ": " + why);
    }

    private static String shown(Object key) {
        return key == NO_KEY ? "(none)" : Objects.toString(key);
    }

    /** One key's ops in arrival order, and how many of them the last check saw. */
    private static final class KeyOps {
        final List<Op> ops = new ArrayList<>();
        int checkedSize;
        boolean gaveUp;

        Prefix prefix(long watermark) {
            return AnomalyWatch.prefix(ops, watermark);
        }
    }

    /**
     * The ops of one key below the watermark, in arrival order: an invocation below it is in, its completion
     * only if that is below it too; otherwise the invocation stays without one (open, so indeterminate).
     */
    static Prefix prefix(List<Op> ops, long watermark) {
        List<Op> in = new ArrayList<>();
        Set<Integer> invoked = new HashSet<>();
        int open = 0;
        for (Op op : ops) {
            if (op.isInvoke()) {
                if (op.time() < watermark) {
                    in.add(op);
                    invoked.add(op.process());
                    open++;
                }
            } else if (op.time() < watermark && invoked.remove(op.process())) {
                in.add(op);
                open--;
            }
        }
        return new Prefix(in, open);
    }

    record Prefix(List<Op> ops, int open) {
    }
}
