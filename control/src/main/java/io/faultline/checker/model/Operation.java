package io.faultline.checker.model;

import io.faultline.history.Values;
import io.faultline.checker.OpPairs;
import io.faultline.history.Op;

/**
 * One client operation as the linearizability search sees it: an invocation paired with its completion.
 * A model decodes it once ({@link Model#prepare}) into {@code code}, {@code arg}, {@code arg2} and
 * {@code out}, so the hot loop never parses values again.
 */
public final class Operation {

    /** How the operation ended. */
    public enum Outcome {
        /** Completed and took effect; its output is known. */
        OK,
        /** Definitely did not take effect — kept only where the failure observed something (a failed compare). */
        FAIL,
        /** Indeterminate ({@code info}, or never completed): may take effect at any time after its call, or never. */
        INFO
    }

    public final Op invoke;
    /** Null when the operation never completed. */
    public final Op completion;
    public final Outcome outcome;
    /** Positions in the history, the order of time when the history has no timestamps. */
    public final int invokeAt;
    public final int completionAt;

    /** Decoded by the model: which operation, its arguments and its observed output. */
    public int code;
    public Object arg;
    public Object arg2;
    public Object out;

    public Operation(OpPairs.Pair pair) {
        this.invoke = pair.invoke();
        this.completion = pair.completion();
        this.invokeAt = pair.invokeAt();
        this.completionAt = pair.completionAt();
        this.outcome = completion == null ? Outcome.INFO : switch (completion.type()) {
            case OK -> Outcome.OK;
            case FAIL -> Outcome.FAIL;
            default -> Outcome.INFO;
        };
    }

    public String f() {
        return invoke.f();
    }

    public Object key() {
        return invoke.key() != null ? invoke.key() : completion != null ? completion.key() : null;
    }

    /**
     * The op's value as Jepsen reads it: an ok completion carries the full value (a read's result); a failed
     * one may too; an indeterminate one only has what was invoked.
     */
    public Object value() {
        if (outcome == Outcome.OK) return completion.value();
        if (outcome == Outcome.FAIL && completion.value() != null) return completion.value();
        return invoke.value();
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    public boolean isIndeterminate() {
        return outcome == Outcome.INFO;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(invoke.isNemesis() ? "nemesis" : "process " + invoke.process()).append(' ').append(f());
        if (key() != null) sb.append(" key=").append(key());
        sb.append(' ').append(Values.show(value()));
        sb.append(" → ").append(completion == null ? "no completion" : completion.type().wireName());
        if (completion != null && completion.error() != null) sb.append(" (").append(completion.error()).append(')');
        return sb.toString();
    }
}
