package io.faultline.history;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules a history must keep before any checker looks at it, so that a malformed history is refused with the
 * line at fault instead of being judged: a checker given a process with two operations at once, or a completion
 * that answers nothing, would give a verdict about input that cannot have happened.
 *
 * <p>The rules, for client ops (nemesis ops are not client ops and are skipped), in the order each process
 * recorded them — which is file order for a process, even where the file interleaves agents in arrival order:
 * <ul>
 *   <li>the history has at least one op;</li>
 *   <li>a process invokes only when it has no operation pending; {@code ok}, {@code fail} and {@code info} all
 *       close the pending one (Jepsen retires a process after {@code info}, so a later invocation by the same
 *       number is a new operation, not a second pending one);</li>
 *   <li>every completion closes a pending invocation of its process, with the same {@code f};</li>
 *   <li>when the history has times: every client op has one, and no completion is earlier than an invocation its
 *       process made before it.</li>
 * </ul>
 * The time rule is the one that holds after Faultline widens intervals by the clock uncertainty: widening moves
 * invocations earlier and completions later, so a completion still follows every earlier invocation of its
 * process, while a process's next invocation may be stamped before its previous completion, or (once the clock
 * estimate improves) a hair before its previous invocation. Those are not errors.
 */
public final class HistoryValidation {
    private HistoryValidation() {
    }

    /** Throws for the first op that breaks a rule, naming the history's source and the op's line. */
    public static void validate(History history) throws HistoryParseException {
        if (history.size() == 0) throw new HistoryParseException(history.source(), 0, History.EMPTY);
        int timed = firstTimed(history);
        Processes processes = new Processes();
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            if (op.isNemesis()) continue;
            if (timed >= 0 && !op.hasTime()) {
                throw refuse(history, i, "this op has no time, but the op on line " + history.line(timed)
                        + " has one; give every op a time, or none");
            }
            Process process = processes.of(op.process());
            if (op.isInvoke()) {
                if (process.pending >= 0) {
                    throw refuse(history, i, "process " + op.process() + " invokes " + op.f() + " while its " + pendingF(history, process)
                            + " invoked on line " + history.line(process.pending) + " is pending; a process has one"
                            + " operation at a time, so that one must complete (ok, fail or info) first");
                }
                process.pending = i;
                if (timed >= 0 && (process.latestInvoke < 0 || op.time() > history.get(process.latestInvoke).time())) {
                    process.latestInvoke = i;
                }
            } else {
                if (process.pending < 0) {
                    throw refuse(history, i, "process " + op.process() + " completes " + op.f() + " (" + op.type().wireName()
                            + ") with no invocation pending; every completion follows an invocation of its process");
                }
                if (!op.f().equals(pendingF(history, process))) {
                    throw refuse(history, i, "process " + op.process() + " completes " + op.f() + " (" + op.type().wireName()
                            + ") but its pending invocation on line " + history.line(process.pending) + " is "
                            + pendingF(history, process) + "; a completion has the f of its invocation");
                }
                if (timed >= 0) {
                    Op latest = history.get(process.latestInvoke);
                    if (op.time() < latest.time()) {
                        throw refuse(history, i, "time goes backwards in process " + op.process() + ": this " + op.f() + " completes at "
                                + op.time() + " ns, before the invocation on line " + history.line(process.latestInvoke)
                                + " at " + latest.time() + " ns; a process's ops happen one after another");
                    }
                }
                process.pending = -1;
            }
        }
    }

    /** The position of the first client op with a time, or -1 when the history has no times. */
    private static int firstTimed(History history) {
        for (int i = 0; i < history.size(); i++) {
            Op op = history.get(i);
            if (!op.isNemesis() && op.hasTime()) return i;
        }
        return -1;
    }

    private static String pendingF(History history, Process process) {
        return history.get(process.pending).f();
    }

    private static HistoryParseException refuse(History history, int position, String problem) {
        return new HistoryParseException(history.source(), history.line(position), problem);
    }

    /** The processes by number: in an array for the usual small numbers, in a map beyond. */
    private static final class Processes {
        private static final int DIRECT = 1 << 12;
        private Process[] small = new Process[64];
        private final Map<Integer, Process> large = new HashMap<>();

        Process of(int number) {
            if (number < 0 || number >= DIRECT) return large.computeIfAbsent(number, n -> new Process());
            if (number >= small.length) small = Arrays.copyOf(small, Math.max(number + 1, small.length * 2));
            Process process = small[number];
            if (process == null) small[number] = process = new Process();
            return process;
        }
    }

    /** What validation remembers of one process: its pending invocation and its latest invocation in time. */
    private static final class Process {
        int pending = -1;
        int latestInvoke = -1;
    }
}
