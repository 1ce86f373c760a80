package io.faultline.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The HTTP API and the live WebSocket, against a store of made-up runs and runs the server starts itself. */
@ExtendWith(VertxExtension.class)
class WebServerTest {
    private static final String TOKEN = "test-token-123";
    private static final String OLD = "demo-20261101T100000.000";
    private static final String NEW = "demo-20261102T100000.000";
    private static final String OTHER = "other-test-20261101T120000.000";

    @TempDir
    Path store;

    private Vertx vertx;
    private WebServer server;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        fakeRun("demo", "20261101T100000.000", true);
        fakeRun("demo", "20261102T100000.000", false);
        fakeRun("other-test", "20261101T120000.000", true);
        server = await(new WebServer(vertx, new RunService(store, true),
                new WebServer.Settings("127.0.0.1", 0, ApiToken.of(TOKEN), List.of("https://ci.example.com"))).start());
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        await(server.close());
    }

    private void fakeRun(String test, String stamp, boolean finished) throws Exception {
        Path dir = Files.createDirectories(store.resolve(test).resolve(stamp));
        Files.writeString(dir.resolve("history.jsonl"), "{\"index\":0,\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n");
        Files.writeString(dir.resolve("test.yaml"), "name: " + test + "\n");
        if (finished) {
            Files.writeString(dir.resolve("results.json"), "{\"valid\":false,\"why\":\"stale read\",\"started\":\"2026-11-01T10:00:00Z\",\"seed\":7}");
            Files.writeString(dir.resolve("report.html"), "<html><body>report of " + test + "</body></html>");
            Files.writeString(dir.resolve("latency.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
            Files.writeString(dir.resolve("junit.xml"), "<testsuite name='" + test + "'/>");
        }
        Files.createDirectories(dir.resolve("tls"));
        Files.writeString(dir.resolve("tls").resolve("ca.crt"), "CERT");
        Files.writeString(dir.resolve("tls").resolve("n1.key"), "PRIVATE");
        Files.createDirectories(dir.resolve("nodes/n1"));
        Files.writeString(dir.resolve("nodes/n1/etcd.log"), "log line\n");
        Files.writeString(dir.resolve("nodes/n1/server.pem"), "PRIVATE");
    }

    private HttpRequest<Buffer> get(String uri) {
        return client.get(server.port(), "127.0.0.1", uri);
    }

    private HttpResponse<Buffer> send(HttpRequest<Buffer> request) throws Exception {
        return await(request.send());
    }

    private static JsonObject json(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("content-type")).startsWith("application/json");
        return response.bodyAsJsonObject();
    }

    private static void assertError(HttpResponse<Buffer> response, int status, String contains) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(json(response).getString("error")).contains(contains);
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<Buffer> response = send(get("/api/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getString("status")).isEqualTo("ok");
    }

    @Test
    void pageIsServedAtTheRoot() throws Exception {
        HttpResponse<Buffer> response = send(get("/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).startsWith("text/html");
        assertThat(response.bodyAsString()).contains("/api/runs");
    }

    @Test
    void runsAreListedNewestFirstAndPaged() throws Exception {
        JsonObject first = json(send(get("/api/runs?limit=2")));
        assertThat(first.getInteger("total")).isEqualTo(3);
        JsonArray runs = first.getJsonArray("runs");
        assertThat(runs.stream().map(r -> ((JsonObject) r).getString("id")).toList()).containsExactly(NEW, OTHER);
        assertThat(runs.getJsonObject(0).getString("status")).isEqualTo("incomplete");
        assertThat(runs.getJsonObject(1).getString("verdict")).isEqualTo("invalid");
        assertThat(runs.getJsonObject(1).getJsonObject("links").getString("report")).isEqualTo("/api/runs/" + OTHER + "/report");
        JsonObject second = json(send(get(first.getString("next"))));
        assertThat(second.getJsonArray("runs").getJsonObject(0).getString("id")).isEqualTo(OLD);
        assertThat(second.getValue("next")).isNull();
    }

    @Test
    void badPagingIsRefused() throws Exception {
        assertError(send(get("/api/runs?limit=0")), 400, "limit");
        assertError(send(get("/api/runs?offset=abc")), 400, "offset");
    }

    @Test
    void aRunShowsItsVerdictAndLinks() throws Exception {
        JsonObject run = json(send(get("/api/runs/" + OLD)));
        assertThat(run.getString("verdict")).isEqualTo("invalid");
        assertThat(run.getString("why")).isEqualTo("stale read");
        assertThat(run.getInteger("seed")).isEqualTo(7);
        assertThat(run.getJsonObject("links").getString("live")).isEqualTo("/api/runs/" + OLD + "/live");
    }

    @Test
    void unknownRunsAndEndpointsAreNotFound() throws Exception {
        assertError(send(get("/api/runs/demo-20991101T100000.000")), 404, "no run");
        assertError(send(get("/api/runs/..%2F..%2Fetc")), 404, "no run");
        assertError(send(get("/api/runs/nonsense/results")), 404, "no run");
        assertError(send(get("/api/nothing-here")), 404, "no such endpoint");
    }

    @Test
    void runFilesAreServedFromTheRunDirectory() throws Exception {
        HttpResponse<Buffer> results = send(get("/api/runs/" + OLD + "/results"));
        assertThat(json(results).getBoolean("valid")).isFalse();
        HttpResponse<Buffer> history = send(get("/api/runs/" + OLD + "/history"));
        assertThat(history.getHeader("content-type")).isEqualTo("application/x-ndjson");
        assertThat(history.bodyAsString()).contains("\"f\":\"read\"");
        HttpResponse<Buffer> report = send(get("/api/runs/" + OLD + "/report"));
        assertThat(report.getHeader("content-type")).startsWith("text/html");
        assertThat(report.bodyAsString()).contains("report of demo");
        assertThat(send(get("/api/runs/" + OLD + "/junit.xml")).bodyAsString()).contains("<testsuite");
        // A report's relative links (its plots, node logs) resolve beside it.
        HttpResponse<Buffer> plot = send(get("/api/runs/" + OLD + "/latency.svg"));
        assertThat(plot.getHeader("content-type")).isEqualTo("image/svg+xml");
        assertThat(send(get("/api/runs/" + OLD + "/files/nodes/n1/etcd.log")).bodyAsString()).isEqualTo("log line\n");
    }

    @Test
    void aRunWithoutReportOrResultsSaysSo() throws Exception {
        assertError(send(get("/api/runs/" + NEW + "/report")), 404, "no report for this run yet");
        assertError(send(get("/api/runs/" + NEW + "/results")), 404, "no results for this run yet");
        assertError(send(get("/api/runs/" + NEW + "/junit.xml")), 404, "no junit.xml for this run yet");
    }

    @Test
    void filesStayInsideTheRunDirectoryAndNeverServeKeys() throws Exception {
        Files.writeString(store.resolve("outside.txt"), "secret of another run");
        Path dir = store.resolve("demo/20261101T100000.000");
        Files.createSymbolicLink(dir.resolve("escape.txt"), store.resolve("outside.txt"));
        assertError(send(get("/api/runs/" + OLD + "/files/..%2F..%2Foutside.txt")), 400, "..");
        assertError(send(get("/api/runs/" + OLD + "/files/nodes/..%2F..%2F..%2Foutside.txt")), 400, "..");
        assertError(send(get("/api/runs/" + OLD + "/files/escape.txt")), 403, "outside the run directory");
        assertError(send(get("/api/runs/" + OLD + "/files/tls/n1.key")), 403, "keys");
        assertError(send(get("/api/runs/" + OLD + "/files/tls/")), 403, "keys");
        assertError(send(get("/api/runs/" + OLD + "/tls/ca.crt")), 403, "keys");
        assertError(send(get("/api/runs/" + OLD + "/files/nodes/n1/server.pem")), 403, "keys");
        assertError(send(get("/api/runs/" + OLD + "/files/missing.txt")), 404, "no such file");
        JsonObject listing = json(send(get("/api/runs/" + OLD + "/files/")));
        List<String> names = listing.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("name")).toList();
        assertThat(names).contains("history.jsonl", "nodes/", "report.html").doesNotContain("tls/");
        JsonObject nodes = json(send(get("/api/runs/" + OLD + "/files/nodes/n1/")));
        assertThat(nodes.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("name")).toList())
                .containsExactly("etcd.log");
    }

    @Test
    void mutatingCallsNeedTheToken() throws Exception {
        HttpResponse<Buffer> none = await(client.post(server.port(), "127.0.0.1", "/api/runs").sendBuffer(Buffer.buffer(config(2))));
        assertError(none, 401, "Authorization: Bearer");
        assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        HttpResponse<Buffer> wrong = await(client.post(server.port(), "127.0.0.1", "/api/runs").bearerTokenAuthentication("guess")
                .sendBuffer(Buffer.buffer(config(2))));
        assertError(wrong, 401, "token");
        assertError(await(client.delete(server.port(), "127.0.0.1", "/api/runs/" + OLD).send()), 401, "token");
        assertThat(store.resolve("web-noop")).doesNotExist();
    }

    private HttpResponse<Buffer> post(String body) throws Exception {
        return await(client.post(server.port(), "127.0.0.1", "/api/runs").bearerTokenAuthentication(TOKEN).sendBuffer(Buffer.buffer(body)));
    }

    @Test
    void badConfigsAreRefusedAndTheServerStaysUp() throws Exception {
        assertError(post("name: [unclosed"), 400, "request body");
        assertError(post(""), 400, "empty");
        assertError(post("name: x\nworkload: {name: no-such-workload}\n"), 400, "workload");
        assertError(post("{\"name\": \"x\", \"nodes\": 0}"), 400, "nodes");
        // Valid YAML that this build refuses to run: the same check as the CLI's, before anything is created.
        assertError(post("name: x\ncluster: {provider: local}\ndb: {name: etcd}\nworkload: {name: register}\n"), 400, "etcd");
        assertError(post("name: x\nworkload: {name: register}\nserver: {token: abc}\n"), 400, "server:");
        assertThat(store.resolve("x")).doesNotExist();
        assertThat(send(get("/api/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        String big = "name: big\n#" + "x".repeat((int) WebServer.MAX_BODY_BYTES) + "\n";
        assertError(post(big), 413, "larger than");
        assertThat(send(get("/api/health")).statusCode()).isEqualTo(200);
    }

    private static String config(int seconds) {
        return """
                name: web-noop
                nodes: 2
                concurrency: 4
                time-limit: %ds
                cluster: {provider: local}
                workload: {name: register, client: sim, keys: 1, rate: 200/s, timeout: 500ms}
                nemesis: {faults: [partition], interval: 500ms}
                final: {recovery: 0s}
                """.formatted(seconds);
    }

    @Test
    void aPostedRunRunsToItsVerdictInTheSameStoreLayout() throws Exception {
        HttpResponse<Buffer> created = post(config(2));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String id = json(created).getString("id");
        assertThat(id).startsWith("web-noop-");
        assertThat(created.getHeader("Location")).isEqualTo("/api/runs/" + id);
        assertThat(json(created).getJsonObject("links").getString("report")).isEqualTo("/api/runs/" + id + "/report");
        assertError(post(config(2)), 409, "in progress");
        JsonObject done = waitFor(id, run -> "done".equals(run.getString("status")), Duration.ofSeconds(60), "the posted run to finish");
        assertThat(done.getString("verdict")).as(done.encode()).isEqualTo("valid");
        assertThat(store.resolve("web-noop").resolve(id.substring("web-noop-".length())).resolve("results.json")).exists();
        assertThat(json(send(get("/api/runs"))).getJsonArray("runs").getJsonObject(0).getString("id")).isEqualTo(id);
    }

    @Test
    void deleteAbortsARunWhichEndsUnknownAborted() throws Exception {
        String id = json(post(config(120))).getString("id");
        waitFor(id, run -> "run".equals(run.getString("phase")), Duration.ofSeconds(30), "the run phase to begin");
        long t0 = System.nanoTime();
        HttpResponse<Buffer> aborted = await(client.delete(server.port(), "127.0.0.1", "/api/runs/" + id).bearerTokenAuthentication(TOKEN).send());
        assertThat(aborted.statusCode()).as(aborted.bodyAsString()).isEqualTo(202);
        JsonObject done = waitFor(id, run -> "done".equals(run.getString("status")), Duration.ofSeconds(60), "the aborted run to finish");
        assertThat(done.getString("verdict")).isEqualTo("unknown");
        assertThat(done.getString("why")).isEqualTo("aborted");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(done.getJsonObject("phase-ms").fieldNames()).contains("heal", "teardown").doesNotContain("final");
        assertError(await(client.delete(server.port(), "127.0.0.1", "/api/runs/" + id).bearerTokenAuthentication(TOKEN).send()), 409, "not running");
    }

    private JsonObject waitFor(String id, Predicate<JsonObject> condition, Duration limit, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = json(send(get("/api/runs/" + id)));
            if (condition.test(last)) return last;
            Thread.sleep(100);
        }
        return fail("waited " + limit.toSeconds() + " s for " + what + "; last seen: " + last);
    }

    /** Connects with the handler already set, so the snapshot, written at once, is never missed. */
    private WebSocket watch(WebSocketConnectOptions options, LinkedBlockingQueue<JsonObject> messages) throws Exception {
        ClientWebSocket socket = wsClient().webSocket();
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
        return await(socket.connect(options));
    }

    /** One client held for the whole test: Vert.x closes a client nothing refers to, mid-handshake if the GC runs then. */
    private WebSocketClient wsClient() {
        if (wsClient == null) wsClient = vertx.createWebSocketClient();
        return wsClient;
    }

    private WebSocketClient wsClient;

    private WebSocketConnectOptions ws(String id, String origin) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
                .setURI("/api/runs/" + id + "/live");
        if (origin != null) options.addHeader("Origin", origin);
        return options;
    }

    @Test
    void aWatcherGetsASnapshotThenProgressNemesisAndTheVerdict() throws Exception {
        String id = json(post(config(3))).getString("id");
        waitFor(id, run -> "run".equals(run.getString("phase")), Duration.ofSeconds(30), "the run phase to begin");
        LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        WebSocket socket = watch(ws(id, "http://127.0.0.1:" + server.port()), messages);
        JsonObject snapshot = next(messages, "snapshot");
        assertThat(snapshot.getJsonObject("run").getString("id")).isEqualTo(id);
        assertThat(snapshot.getJsonArray("phases").stream().map(p -> ((JsonObject) p).getString("phase")).toList()).contains("provision", "run");
        JsonObject progress = next(messages, "progress");
        assertThat(progress.getJsonObject("ops").getJsonObject("read").getLong("ok")).isPositive();
        assertThat(progress.getJsonObject("latency").getDouble("p99")).isPositive();
        assertThat(progress.getLong("throughput")).isPositive();
        JsonObject nemesis = next(messages, "nemesis");
        assertThat(nemesis.getString("fault")).isEqualTo("partition");
        JsonObject verdict = next(messages, "verdict");
        assertThat(verdict.getString("verdict")).isEqualTo("valid");
        // Joining after the end still gets the whole chart.
        LinkedBlockingQueue<JsonObject> late = new LinkedBlockingQueue<>();
        WebSocket lateSocket = watch(ws(id, null), late);
        JsonObject whole = next(late, "snapshot");
        assertThat(whole.getJsonArray("progress").size()).isGreaterThan(4);
        assertThat(whole.getJsonArray("nemesis")).isNotEmpty();
        assertThat(whole.getJsonObject("verdict").getString("verdict")).isEqualTo("valid");
    }

    private static JsonObject next(LinkedBlockingQueue<JsonObject> messages, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonObject m = messages.poll(1, TimeUnit.SECONDS);
            if (m != null && type.equals(m.getString("type"))) return m;
        }
        return fail("no '" + type + "' message within 60 s");
    }

    @Test
    void aStoredRunIsWatchableAndSaysItsVerdict() throws Exception {
        LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        WebSocket socket = watch(ws(OLD, null), messages);
        JsonObject snapshot = next(messages, "snapshot");
        assertThat(snapshot.getString("phase")).isEqualTo("done");
        assertThat(snapshot.getJsonObject("verdict").getString("verdict")).isEqualTo("invalid");
    }

    @Test
    void aWebSocketFromAnotherSiteIsRefused() throws Exception {
        // The handshake as a browser sends it, read as plain HTTP: a WebSocket client may see the connection close
        // before it reads the refusal, a browser's page is told 403.
        HttpResponse<Buffer> refused = send(get("/api/runs/" + OLD + "/live").putHeader("Upgrade", "websocket")
                .putHeader("Connection", "Upgrade").putHeader("Sec-WebSocket-Version", "13")
                .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Origin", "https://evil.example"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).getString("error")).contains("origin 'https://evil.example' refused");
        assertThat(await(wsClient().connect(ws(OLD, "https://ci.example.com")))).isNotNull();
        Throwable unknown = awaitFailure(wsClient().connect(ws("demo-20991101T100000.000", null)));
        assertThat(((UpgradeRejectedException) unknown).getStatus()).isEqualTo(404);
    }

    @Test
    void badFramesGetAnErrorAndTheSocketStaysOpen() throws Exception {
        String id = json(post(config(3))).getString("id");
        LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        WebSocket socket = watch(ws(id, null), messages);
        next(messages, "snapshot");
        socket.writeTextMessage("this is not json");
        assertThat(next(messages, "error").getString("error")).contains("not JSON");
        socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        assertThat(next(messages, "error").getString("error")).contains("binary");
        socket.writeTextMessage("{\"type\":\"ping\"}");
        next(messages, "pong");
        assertThat(next(messages, "progress")).isNotNull();
        assertThat(send(get("/api/health")).statusCode()).isEqualTo(200);
        next(messages, "verdict");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Throwable awaitFailure(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        return fail("expected the call to fail");
    }
}
