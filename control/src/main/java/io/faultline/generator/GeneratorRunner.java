package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Drives a generator: asks it for ops, dispatches each when it is due to the worker of its thread, and tells it
 * about invocations and completions (Jepsen's interpreter, without threads of its own). Single-threaded and
 * non-blocking: every method, and every task it gives the {@link Scheduler}, must run on one thread, such as a
 * Vert.x event loop.
 *
 * <p>A thread runs at most one op at a time: an op for a busy or unknown process is a generator bug and throws.
 * Sleeps ({@link Ops#SLEEP}) are handled here: the thread stays busy for the duration; nothing is dispatched.
 */
public final class GeneratorRunner {

    /**
     * How long to wait before asking again a generator that is pending while nothing runs: no completion will come
     * to wake it, so only the passing of time can change its answer.
     */
    static final long IDLE_POLL_NANOS = 1_000_000;
    private static final long NO_WAKE = Long.MAX_VALUE;

    private final Scheduler scheduler;
    private final Dispatcher dispatcher;
    private final List<Runnable> doneListeners = new ArrayList<>();
    private final Set<Integer> sleepingThreads = new HashSet<>();

    private Generator gen;
    private Context ctx;
    private int inFlight;
    private long emitted;
    private long wakeAt = NO_WAKE;
    private boolean started;
    private boolean stopped;
    private boolean exhausted;
    private boolean done;
    private boolean driving;
    private boolean driveAgain;

    public GeneratorRunner(Generator gen, int concurrency, Scheduler scheduler, Dispatcher dispatcher) {
        this.gen = gen;
        this.ctx = Context.initial(concurrency);
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
    }

    /** Starts emitting ops. */
    public void start() {
        if (started) throw new IllegalStateException("already started");
        started = true;
        drive();
    }

    /**
     * Records the completion of the op outstanding on {@code completion}'s process, in whatever order completions
     * arrive, and dispatches what that makes possible.
     *
     * @throws IllegalArgumentException if {@code completion} is not a completion, or its process has no op
     *         outstanding
     */
    public void complete(Op completion) {
        if (!completion.type().isCompletion()) {
            throw new IllegalArgumentException("not a completion: " + completion);
        }
        OptionalInt found = ctx.thread(completion.process());
        if (found.isEmpty() || ctx.isFree(found.getAsInt()) || sleepingThreads.contains(found.getAsInt())) {
            throw new IllegalArgumentException("no operation outstanding on process " + completion.process()
                    + ": " + completion);
        }
        int thread = found.getAsInt();
        inFlight--;
        // The generator hears of the completion while the thread still runs the completed process, so that it can
        // tell whose completion it is; only then does an info retire the process.
        ctx = ctx.withTime(scheduler.now()).free(thread);
        gen = gen.update(ctx, completion);
        if (completion.type() == OpType.INFO) ctx = ctx.withNextProcess(thread);
        drive();
    }

    /** Runs {@code listener} once, when the generator is exhausted (or the runner stopped) and no op is outstanding. */
    public void onDone(Runnable listener) {
        if (done) listener.run();
        else doneListeners.add(listener);
    }

    /** Emits nothing more; done comes when the outstanding ops have completed. Sleeps in progress are abandoned. */
    public void stop() {
        stopped = true;
        if (!driving) finishIfDone();
    }

    /** The number of ops dispatched so far (sleeps not counted). */
    public long emitted() {
        return emitted;
    }

    public boolean isDone() {
        return done;
    }

    /** The context as of the last event: time, free threads, processes. */
    public Context context() {
        return ctx;
    }

    private void drive() {
        // A dispatcher may complete an op inside invoke(); that completion's drive runs in the loop already going.
        if (driving) {
            driveAgain = true;
            return;
        }
        driving = true;
        try {
            do {
                driveAgain = false;
                emitDueOps();
            } while (driveAgain);
        } finally {
            driving = false;
        }
        finishIfDone();
    }

    private void emitDueOps() {
        exhausted = false;
        while (started && !stopped && !done) {
            long now = scheduler.now();
            ctx = ctx.withTime(now);
            Step step = gen.next(ctx);
            if (step == null) {
                exhausted = true;
                return;
            }
            if (step.isPending()) {
                gen = step.next();
                if (inFlight == 0 && sleepingThreads.isEmpty()) wakeAt(now + IDLE_POLL_NANOS);
                return;
            }
            Op op = step.op();
            if (op.time() > now) {
                // Not committed to step.next(): by then a completion may have changed the answer, so ask again.
                wakeAt(op.time());
                return;
            }
            dispatch(op, step.next());
        }
    }

    private void dispatch(Op op, Generator following) {
        if (!op.hasTime() || !op.isInvoke()) {
            throw new IllegalStateException("generator emitted an op that is not a timed invocation (templates are"
                    + " filled in with Ops.fillIn): " + op);
        }
        OptionalInt found = ctx.thread(op.process());
        if (found.isEmpty() || !ctx.isFree(found.getAsInt())) {
            throw new IllegalStateException("generator emitted an op for a process that is busy or not running: " + op);
        }
        int thread = found.getAsInt();
        ctx = ctx.busy(thread);
        if (Ops.isSleep(op)) {
            gen = following;
            sleepingThreads.add(thread);
            scheduler.at(op.time() + Ops.sleepNanos(op), () -> wake(thread));
            return;
        }
        gen = following.update(ctx, op);
        inFlight++;
        emitted++;
        dispatcher.invoke(thread, op);
    }

    private void wake(int thread) {
        if (done || !sleepingThreads.remove(thread)) return;
        ctx = ctx.withTime(scheduler.now()).free(thread);
        drive();
    }

    /** Makes sure the loop runs again by {@code time}; one timer is enough, as every wake-up asks afresh. */
    private void wakeAt(long time) {
        if (time >= wakeAt) return;
        wakeAt = time;
        scheduler.at(time, () -> {
            if (wakeAt != time) return;
            wakeAt = NO_WAKE;
            drive();
        });
    }

    private void finishIfDone() {
        boolean nothingMoreToDo = stopped || (exhausted && sleepingThreads.isEmpty());
        if (done || inFlight > 0 || !nothingMoreToDo) return;
        done = true;
        for (Runnable listener : doneListeners) listener.run();
        doneListeners.clear();
    }
}
