package io.faultline.provision.docker.service;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a service's health command inside its container (docker exec), as Docker's HEALTHCHECK does it: exit
 * code 0 within the timeout is healthy. Blocking.
 */
public final class HealthCheck {
    private static final int SHOWN_CHARS = 300;

    /** @param said what the command printed (or why it could not run), cut short, on one line */
    public record Result(boolean healthy, String said) {
    }

    private HealthCheck() {
    }

    public static Result run(DockerClient client, String containerId, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    if (out.size() < 4 * SHOWN_CHARS) out.writeBytes(frame.getPayload());
                }
            }
        };
        try {
            String exec = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            boolean finished = client.execStartCmd(exec).exec(collect).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) return new Result(false, "no answer within " + timeout.toMillis() / 1000.0 + " s");
            Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
            String said = said(out);
            if (code != null && code == 0) return new Result(true, said);
            return new Result(false, "exit code " + code + (said.isEmpty() ? "" : ": " + said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } catch (DockerException e) {
            // Most often: the container is not running any more.
            return new Result(false, oneLine(String.valueOf(e.getMessage())));
        } finally {
            try {
                collect.close();
            } catch (IOException e) {
                // Nothing is left to read from a check that is over.
            }
        }
    }

    private static String said(ByteArrayOutputStream out) {
        synchronized (out) {
            return oneLine(out.toString(StandardCharsets.UTF_8));
        }
    }

    private static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\n\\s*", " / ");
        return line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS) + "…";
    }
}
