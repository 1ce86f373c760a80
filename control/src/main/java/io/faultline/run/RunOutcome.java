package io.faultline.run;

import io.faultline.checker.Verdict;

/**
 * How a run ended: its verdict, the exit code for CI (DESIGN.md decision 8) and one line saying why.
 *
 * @param exitCode 0 valid, 1 invalid, 2 unknown (setup failed, nemesis failed, checker gave up), 254 bad config
 */
public record RunOutcome(Verdict verdict, int exitCode, String summary, RunDirectory dir) {

    public static RunOutcome of(Verdict verdict, String summary, RunDirectory dir) {
        return new RunOutcome(verdict, verdict.exitCode(), summary, dir);
    }

    public static RunOutcome badConfig(String summary, RunDirectory dir) {
        return new RunOutcome(Verdict.UNKNOWN, 254, summary, dir);
    }
}
