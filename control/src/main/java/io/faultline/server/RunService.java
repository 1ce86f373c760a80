package io.faultline.server;

import io.faultline.config.LoadedConfig;
import io.faultline.control.RunLauncher;
import io.faultline.live.LiveRun;
import io.faultline.run.ConfigProblem;
import io.faultline.run.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process knows live: the one {@code run} started, or those posted to {@code serve}, which it
 * starts one at a time (the control, the agents and their faults share this machine). A finished run's
 * live view stays for the last {@value #FINISHED_KEPT}, so its charts can still be drawn.
 */
public final class RunService {
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final int FINISHED_KEPT = 20;

    private final Path store;
    private final boolean liveCheck;
    private final Map<String, LiveRun> live = new ConcurrentHashMap<>();
    private final Deque<String> order = new ArrayDeque<>();
    private LiveRun starting;

    public RunService(Path store, boolean liveCheck) {
        this.store = store;
        this.liveCheck = liveCheck;
    }

    public Path store() {
        return store;
    }

    /** Makes a run started elsewhere (by {@code run}) visible once it has its id. */
    public void attach(LiveRun run) {
        run.id().thenAccept(id -> remember(id, run));
    }

    LiveRun live(String id) {
        return live.get(id);
    }

    int running() {
        return (int) live.values().stream().filter(r -> !r.finished()).count();
    }

    /**
     * Starts a run of {@code loaded} on a thread of its own; completes with its id once it has a directory.
     *
     * @throws IllegalStateException while another run is in progress
     */
    synchronized CompletableFuture<String> start(LoadedConfig loaded) {
        String busy = live.entrySet().stream().filter(e -> !e.getValue().finished()).map(Map.Entry::getKey).findFirst().orElse(null);
        if (busy != null || starting != null) {
            throw new IllegalStateException("a run is in progress" + (busy == null ? "" : ": " + busy) + "; wait for its verdict or abort it");
        }
        LiveRun run = new LiveRun(liveCheck);
        starting = run;
        RunLauncher launcher = new RunLauncher(loaded, store).withObserver(run);
        Thread thread = new Thread(() -> {
            try {
                RunOutcome outcome = launcher.run();
                LOG.info("run {}: {}: {}", outcome.dir().id(), outcome.verdict().word(), outcome.summary());
            } catch (ConfigProblem e) {
                run.failedToStart(e);
            } catch (Exception | Error e) {
                run.failedToStart(e);
                LOG.error("run {} failed: {}", loaded.config().name(), e.toString());
            } finally {
                synchronized (this) {
                    if (starting == run) starting = null;
                }
            }
        }, "faultline-run-" + loaded.config().name());
        thread.setDaemon(true);
        run.id().whenComplete((id, e) -> {
            if (id != null) remember(id, run);
            synchronized (this) {
                if (starting == run) starting = null;
            }
        });
        thread.start();
        return run.id();
    }

    private synchronized void remember(String id, LiveRun run) {
        live.put(id, run);
        order.addLast(id);
        while (order.size() > FINISHED_KEPT) {
            String oldest = order.peekFirst();
            if (!live.get(oldest).finished()) break;
            live.remove(order.removeFirst());
        }
    }
}
