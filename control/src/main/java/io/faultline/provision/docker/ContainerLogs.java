package io.faultline.provision.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last lines a container wrote, stdout and stderr interleaved as Docker stored them. */
final class ContainerLogs {
    private static final long WAIT_SECONDS = 10;

    private ContainerLogs() {
    }

    static String tail(DockerClient client, String containerId, int lines) {
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
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines).exec(collect)
                    .awaitCompletion(WAIT_SECONDS, TimeUnit.SECONDS);
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
