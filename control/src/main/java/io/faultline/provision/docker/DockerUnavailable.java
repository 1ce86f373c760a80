package io.faultline.provision.docker;

/** No Docker daemon answers; the message says how to get one. */
public final class DockerUnavailable extends RuntimeException {

    DockerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
