package io.faultline.control;

import io.faultline.config.TestConfig;
import io.faultline.history.Op;
import io.faultline.run.RunDirectory;
import io.faultline.run.RunOutcome;

/**
 * Watches one run from the control: its phases, every op as it is recorded, the nemesis' actions and the
 * outcome. Called on the control's event loop, so an observer must return at once and never block; what
 * takes time (sending, checking) it hands to its own threads.
 */
public interface RunObserver {
    RunObserver NONE = new RunObserver() { };

    /** The run has its directory and is about to provision; {@code handle} steers it from any thread. */
    default void started(RunHandle handle, RunDirectory dir, TestConfig config, long seed) {
    }

    /** A phase begins, {@code runNanos} after the run started. */
    default void phase(String name, long runNanos) {
    }

    /** A client op (invocation or completion), in index order. */
    default void recorded(Op op) {
    }

    /** A nemesis action completed ({@code ok}, or {@code info} with the error), with its recorded time. */
    default void nemesis(Op completion) {
    }

    /** The run is over and its results are on disk; {@code outcome} is null when it ended in an internal error. */
    default void concluded(RunOutcome outcome, Throwable failure) {
    }
}
