package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What a container wrote, stdout and stderr interleaved as Docker stored them: its last lines, or all of it. */
public final class ContainerLogs {
    private static final long WAIT_SECONDS = 10;

    private ContainerLogs() {
    }

    public static String tail(DockerClient client, String containerId, int lines) {
        return read(client, containerId, lines);
    }

    /** Everything it wrote, into {@code file}: a service's log for the run directory. */
    public static void save(DockerClient client, String containerId, java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.writeString(file, read(client, containerId, null) + "\n", StandardCharsets.UTF_8);
    }

    private static String read(DockerClient client, String containerId, Integer lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    out.writeBytes(frame.getPayload());
                }
            }
        };
        try {
            var logs = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true);
            if (lines != null) logs.withTail(lines);
            logs.exec(collect).awaitCompletion(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(its logs could not be read: " + e.getMessage() + ")";
        }
        synchronized (out) {
            String text = out.toString(StandardCharsets.UTF_8).stripTrailing();
            return text.isEmpty() ? "(it wrote nothing)" : text;
        }
    }
}
