package io.faultline.provision.docker.service;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** Keeps what a failed image build needs to explain itself: the step it was in, its last lines, the error. */
final class BuildLog extends ResultCallback.Adapter<BuildResponseItem> {
    private static final int KEPT_LINES = 20;
    // The builder colours a step's stderr; in a message the escapes are noise.
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Deque<String> lines = new ArrayDeque<>();
    // The daemon streams output in chunks that may end mid-line.
    private final StringBuilder partial = new StringBuilder();
    private String step = "its first step";
    private String error;

    @Override
    public synchronized void onNext(BuildResponseItem item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
        }
        if (item.getStream() == null) return;
        partial.append(item.getStream());
        for (int end = partial.indexOf("\n"); end >= 0; end = partial.indexOf("\n")) {
            line(partial.substring(0, end));
            partial.delete(0, end + 1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        note(throwable);
        super.onError(throwable);
    }

    synchronized void note(Throwable throwable) {
        if (error == null) error = String.valueOf(throwable.getMessage());
    }

    synchronized boolean failed() {
        return error != null;
    }

    synchronized String failingStep() {
        return step;
    }

    synchronized String error() {
        return error == null ? "the image was not created" : error.strip();
    }

    synchronized String lastLines() {
        if (!partial.isEmpty()) {
            line(partial.toString());
            partial.setLength(0);
        }
        return String.join("\n", lines);
    }

    private void line(String raw) {
        String line = COLOUR.matcher(raw).replaceAll("").stripTrailing();
        // The builder's bookkeeping ("---> Running in …", "Removing intermediate container …") says nothing.
        if (line.isBlank() || line.startsWith(" ---> ") || line.startsWith("Removing intermediate container")) return;
        // The classic builder announces each instruction as "Step 2/6 : RUN …"; the output that follows is its own.
        if (line.startsWith("Step ")) {
            step = line.strip();
            lines.clear();
        }
        lines.addLast(line);
        if (lines.size() > KEPT_LINES) lines.removeFirst();
    }
}
