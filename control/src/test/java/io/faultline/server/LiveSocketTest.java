package io.faultline.server;

import io.faultline.live.LiveRun;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A watcher that does not read: the server holds back the newest progress only, and every other message. */
@ExtendWith(VertxExtension.class)
class LiveSocketTest {

    @Test
    void aSlowReaderGetsTheLatestProgressAndEveryOtherMessageWithoutUnboundedQueueing(Vertx vertx) throws Exception {
        CompletableFuture<LiveSocket> accepted = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(4096))
                .webSocketHandler(ws -> accepted.complete(new LiveSocket(ws, vertx.getOrCreateContext(), 2048)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // Held until the end: Vert.x shuts an unreferenced client down when it is collected, handshake or not.
        WebSocketClient webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(1024));
        try {
            readerFallsBehind(vertx, server, webSockets, accepted);
        } finally {
            webSockets.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void readerFallsBehind(Vertx vertx, HttpServer server, WebSocketClient webSockets,
                                          CompletableFuture<LiveSocket> accepted) throws Exception {
        WebSocket client = webSockets
                .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        client.textMessageHandler(text -> received.add(new JsonObject(text)));
        client.pause();
        LiveSocket socket = accepted.get(30, TimeUnit.SECONDS);
        String padding = "x".repeat(400);
        int progress = 5_000;
        for (int i = 0; i < progress; i++) {
            socket.send(new LiveRun.Message("progress", new JsonObject().put("type", "progress").put("n", i).put("pad", padding).encode()));
            if (i % 1_000 == 0) socket.send(new LiveRun.Message("phase", new JsonObject().put("type", "phase").put("n", i).encode()));
        }
        socket.send(new LiveRun.Message("verdict", new JsonObject().put("type", "verdict").put("verdict", "valid").encode()));
        Thread.sleep(500);
        client.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && received.stream().noneMatch(m -> "verdict".equals(m.getString("type")))) Thread.sleep(50);

        List<JsonObject> progressSeen = received.stream().filter(m -> "progress".equals(m.getString("type"))).toList();
        assertThat(progressSeen.size()).as("progress is coalesced for a reader that fell behind").isLessThan(progress / 2);
        assertThat(progressSeen.get(progressSeen.size() - 1).getInteger("n")).as("the newest progress is never lost").isEqualTo(progress - 1);
        assertThat(received.stream().filter(m -> "phase".equals(m.getString("type"))).map(m -> m.getInteger("n")).toList())
                .containsExactly(0, 1000, 2000, 3000, 4000);
        assertThat(received.get(received.size() - 1).getString("verdict")).isEqualTo("valid");
    }
}
