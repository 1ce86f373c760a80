package io.faultline.agent.archive;

/** Why an archive could not be installed, in one line that says what to fix; never holds a credential. */
public final class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }
}
