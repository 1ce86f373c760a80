package io.faultline.run;

import io.faultline.checker.Verdict;

import java.util.List;

/**
 * How a run ended: its verdict, the exit code for CI (DESIGN.md decision 8) and one line saying why.
 *
 * @param exit as the verdict says, except {@link ExitCode#BAD_ARGUMENTS} for a config found unusable during the run
 */
public record RunOutcome(Verdict verdict, ExitCode exit, String summary, RunDirectory dir) {

    public static RunOutcome of(Verdict verdict, String summary, RunDirectory dir) {
        return new RunOutcome(verdict, ExitCode.of(verdict), summary, dir);
    }

    public static RunOutcome badConfig(String summary, RunDirectory dir) {
        return new RunOutcome(Verdict.UNKNOWN, ExitCode.BAD_ARGUMENTS, summary, dir);
    }

    /**
     * Why a run whose nemesis actions failed is unknown whatever the checkers say: the faults it reports were not all
     * injected, so a valid history proves nothing about them; running again is the remedy.
     */
    public static String nemesisFailed(List<String> failures) {
        return "the nemesis failed: the system was not under stress; re-run (" + String.join("; ", failures) + ")";
    }

    public int exitCode() {
        return exit.code();
    }
}
