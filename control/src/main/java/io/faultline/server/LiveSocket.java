package io.faultline.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.json.Json;
import io.faultline.live.LiveRun;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayDeque;

/**
 * One watcher's WebSocket. Messages are written on the socket's own context; while its write queue is full
 * the latest progress replaces the one before it (a slow reader sees fewer points, never stale ones, and
 * never slows the run), and other messages wait in a bounded queue: a reader that falls further behind than
 * that is closed.
 */
final class LiveSocket implements LiveRun.Listener {
    static final int MAX_WAITING = 1_000;
    private static final int WRITE_QUEUE_BYTES = 64 * 1024;

    private final ServerWebSocket socket;
    private final Context context;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private String latestProgress;
    private boolean closed;

    LiveSocket(ServerWebSocket socket, Context context) {
        this(socket, context, WRITE_QUEUE_BYTES);
    }

    LiveSocket(ServerWebSocket socket, Context context, int writeQueueBytes) {
        this.socket = socket;
        this.context = context;
        socket.setWriteQueueMaxSize(writeQueueBytes);
        socket.drainHandler(v -> flush());
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(this::onBinary);
        socket.exceptionHandler(e -> closed = true);
        socket.closeHandler(v -> closed = true);
    }

    /** Writes the first message (the snapshot) straight away: it is all a late watcher has. */
    void first(String json) {
        socket.writeTextMessage(json);
    }

    void closeHandler(Runnable onClose) {
        socket.closeHandler(v -> {
            closed = true;
            onClose.run();
        });
    }

    @Override
    public void send(LiveRun.Message message) {
        context.runOnContext(v -> offer(message));
    }

    private void offer(LiveRun.Message message) {
        if (closed) return;
        if (message.droppable()) {
            latestProgress = message.json();
        } else {
            // Progress held back came before this message, and stays before it.
            if (latestProgress != null) waiting.addLast(latestProgress);
            latestProgress = null;
            waiting.addLast(message.json());
        }
        if (waiting.size() > MAX_WAITING) {
            closed = true;
            socket.close((short) 1008, "too slow: more than " + MAX_WAITING + " messages waiting");
            return;
        }
        flush();
    }

    private void flush() {
        while (!closed && !socket.writeQueueFull() && (!waiting.isEmpty() || latestProgress != null)) {
            String next;
            if (!waiting.isEmpty()) {
                next = waiting.pollFirst();
            } else {
                next = latestProgress;
                latestProgress = null;
            }
            socket.writeTextMessage(next);
        }
    }

    /** Watchers need send nothing; a ping gets a pong, anything else an error, and the socket stays open. */
    private void onText(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            error("not JSON; send {\"type\":\"ping\"} or nothing");
            return;
        }
        if (message != null && message.isObject() && "ping".equals(message.path("type").asText())) {
            waiting.addLast("{\"type\":\"pong\"}");
            flush();
        } else {
            error("unknown message; this socket only sends, and answers {\"type\":\"ping\"}");
        }
    }

    private void onBinary(Buffer data) {
        error("binary frames are not understood; this socket speaks JSON text");
    }

    private void error(String why) {
        waiting.addLast(WebServer.json(java.util.Map.of("type", "error", "error", why)));
        flush();
    }
}
