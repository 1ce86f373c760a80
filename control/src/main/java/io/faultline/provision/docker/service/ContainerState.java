package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/** Whether a container runs, by name or id: false when it exited or does not exist. Blocking. */
public final class ContainerState {

    private ContainerState() {
    }

    public static boolean running(DockerClient client, String container) {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(container).exec().getState().getRunning());
        } catch (NotFoundException e) {
            return false;
        }
    }
}
