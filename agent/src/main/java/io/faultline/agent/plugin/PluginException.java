package io.faultline.agent.plugin;

/** A plugin that cannot be loaded; the message names its jar and what is wrong, and is shown as it is. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }
}
