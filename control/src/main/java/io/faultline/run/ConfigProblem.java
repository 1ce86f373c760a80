package io.faultline.run;

/** A config that reads well but that this build or its agents cannot run (an agent says what it can do): exit 254. */
public final class ConfigProblem extends RuntimeException {
    public ConfigProblem(String message) {
        super(message, null, false, false);
    }
}
