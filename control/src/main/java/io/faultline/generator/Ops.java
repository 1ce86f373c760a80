package io.faultline.generator;

import io.faultline.history.Op;
import io.faultline.history.OpType;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Op templates: what generators are built from. A template is an invocation without a time or a process; it is
 * filled in ({@link #fillIn}) when a generator emits it, with the context's time and a free process.
 */
public final class Ops {

    /**
     * The {@code f} of a sleep (Jepsen's {@code :sleep} op): the runner handles it itself by keeping the thread that
     * got it busy for the duration. It is never dispatched, recorded, or reported to {@link Generator#update}.
     */
    public static final String SLEEP = "faultline.sleep";

    private static final int NO_PROCESS = -1;

    private Ops() {
    }

    public static Op op(String f, Object value) {
        return Op.invoke(NO_PROCESS, f, value);
    }

    public static Op op(String f, Object key, Object value) {
        return op(f, value).withKey(key);
    }

    /** A template that keeps the thread it lands on busy for {@code duration}, doing nothing. */
    public static Op sleep(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("negative sleep: " + duration);
        return op(SLEEP, duration.toNanos());
    }

    public static boolean isSleep(Op op) {
        return SLEEP.equals(op.f());
    }

    /** How long a sleep op keeps its thread busy, in nanoseconds. */
    public static long sleepNanos(Op op) {
        return (Long) op.value();
    }

    /**
     * {@code template} as an invocation at the context's time on the process of its lowest free visible thread, or
     * null when every visible thread is busy. The template's own time and process are ignored.
     */
    public static Op fillIn(Op template, Context ctx) {
        OptionalInt process = ctx.someFreeProcess();
        if (process.isEmpty()) return null;
        return new Op(template.index(), ctx.time(), OpType.INVOKE, process.getAsInt(), template.f(), template.value(),
                template.key(), template.node(), template.error(), template.extra());
    }
}
