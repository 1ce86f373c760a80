package io.faultline.agent.node;

/** A command that failed, could not start or did not finish; the message names the command. */
public final class ShellException extends RuntimeException {

    public ShellException(String message) {
        super(message);
    }

    public ShellException(String message, Throwable cause) {
        super(message, cause);
    }
}
