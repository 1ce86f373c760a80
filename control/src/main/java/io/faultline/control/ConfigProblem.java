package io.faultline.control;

/** A run that cannot go on because of its config, found only once the agents said what they can do: exit 254. */
public final class ConfigProblem extends RuntimeException {
    public ConfigProblem(String message) {
        super(message, null, false, false);
    }
}
