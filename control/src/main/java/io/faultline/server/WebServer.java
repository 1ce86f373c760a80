package io.faultline.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.json.Json;
import io.faultline.live.LiveRun;
import io.faultline.run.ConfigProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The control's HTTP side (DESIGN.md "HTTP API"): the page at {@code /}, the runs of a store and their files
 * under {@code /api/runs}, runs started by {@code POST}, and each run's live view over a WebSocket. Reading is
 * open to whoever can reach the address (127.0.0.1 unless told otherwise); {@code POST} and {@code DELETE}
 * need the bearer token; a WebSocket is accepted from the page's own origin (or those configured) only.
 * Every refusal is a 4xx with a JSON body {@code {"error": ...}}.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PUT, HttpMethod.PATCH);

    /** Where to listen and whom to let in. */
    public record Settings(String bind, int port, ApiToken token, List<String> allowedOrigins) {
    }

    private final Vertx vertx;
    private final RunStore store;
    private final RunService runs;
    private final Settings settings;
    private final Buffer page;
    private HttpServer server;

    public WebServer(Vertx vertx, RunService runs, Settings settings) {
        this.vertx = vertx;
        this.store = new RunStore(runs.store());
        this.runs = runs;
        this.settings = settings;
        this.page = resource("web/index.html");
    }

    public Future<WebServer> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(settings.bind()).setPort(settings.port())
                .setMaxWebSocketFrameSize(16 * 1024).setMaxWebSocketMessageSize(64 * 1024);
        return vertx.createHttpServer(options).requestHandler(router()).listen().map(s -> {
            server = s;
            return this;
        });
    }

    public int port() {
        return server.actualPort();
    }

    /** The page's address, as the command prints it. */
    public String url() {
        String host = settings.bind().equals("0.0.0.0") || settings.bind().equals("::") ? "127.0.0.1" : settings.bind();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        router.route("/api/*").handler(this::authorize);
        router.get("/").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(page));
        router.get("/api/health").handler(ctx -> sendJson(ctx, 200, Map.of("status", "ok", "running", runs.running())));
        router.get("/api/runs").handler(this::list);
        router.post("/api/runs").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::post);
        router.get("/api/runs/:id").handler(this::show);
        router.delete("/api/runs/:id").handler(this::abort);
        router.get("/api/runs/:id/live").handler(this::live);
        router.get("/api/runs/:id/results").handler(ctx -> file(ctx, "results.json", "application/json", "no results for this run yet"));
        router.get("/api/runs/:id/history").handler(ctx -> file(ctx, "history.jsonl", "application/x-ndjson", "no history for this run"));
        router.get("/api/runs/:id/report").handler(ctx -> file(ctx, "report.html", "text/html; charset=utf-8", "no report for this run yet"));
        router.get("/api/runs/:id/junit.xml").handler(ctx -> file(ctx, "junit.xml", "application/xml", "no junit.xml for this run yet"));
        router.get("/api/runs/:id/files").handler(ctx -> files(ctx, ""));
        router.get("/api/runs/:id/files/*").handler(ctx -> files(ctx, below(ctx, "/files/")));
        // What a report links relative to itself (its plots, the history, node logs) resolves here.
        router.get("/api/runs/:id/*").handler(ctx -> files(ctx, below(ctx, "/api/runs/" + ctx.pathParam("id") + "/")));
        router.route("/api/*").handler(ctx -> sendError(ctx, 404, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(404, ctx -> sendError(ctx, 404, "not found: " + ctx.request().path()));
        router.errorHandler(405, ctx -> sendError(ctx, 405, "method not allowed: " + ctx.request().method()));
        router.errorHandler(413, ctx -> sendError(ctx, 413, "the body is larger than " + MAX_BODY_BYTES / 1024 + " KiB"));
        router.errorHandler(400, ctx -> sendError(ctx, 400, "bad request"));
        router.errorHandler(500, ctx -> {
            LOG.error("internal error on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    ctx.failure() == null ? "?" : ctx.failure().toString());
            sendError(ctx, 500, "internal error: " + (ctx.failure() == null ? "?" : ctx.failure().getMessage()));
        });
        return router;
    }

    private void authorize(RoutingContext ctx) {
        if (MUTATING.contains(ctx.request().method()) && !settings.token().accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            sendError(ctx, 401, "this call changes something: send 'Authorization: Bearer <token>' (the token "
                    + ApiToken.ENV + " sets, or the one the server printed at start)");
            return;
        }
        ctx.next();
    }

    private void list(RoutingContext ctx) {
        int limit;
        int offset;
        try {
            limit = intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
            offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            sendError(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            List<RunStore.Entry> all = store.all();
            List<Map<String, Object>> page = new ArrayList<>();
            for (RunStore.Entry run : all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) {
                page.add(summary(run));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runs", page);
            body.put("total", all.size());
            body.put("offset", offset);
            body.put("limit", limit);
            body.put("next", offset + limit < all.size() ? "/api/runs?offset=" + (offset + limit) + "&limit=" + limit : null);
            return body;
        }, false).onSuccess(body -> sendJson(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String value = ctx.request().getParam(name);
        if (value == null) return dflt;
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + clip(value) + "' is not a whole number in " + min + ".." + max);
        }
    }

    private Map<String, Object> summary(RunStore.Entry run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("test", run.test());
        LiveRun live = runs.live(run.id());
        JsonNode results = RunStore.results(run);
        m.put("started", results != null && results.hasNonNull("started") ? results.get("started").asText() : stampToIso(run.stamp()));
        String status = live != null && !live.finished() ? "running" : results != null ? "done" : "incomplete";
        m.put("status", status);
        m.put("phase", live != null ? live.phase() : results != null ? "done" : null);
        m.put("verdict", results == null ? null : verdictWord(results.get("valid")));
        m.put("why", results == null ? null : results.path("why").asText(null));
        m.put("links", links(run.id()));
        return m;
    }

    private static String verdictWord(JsonNode valid) {
        if (valid == null) return null;
        if (valid.isBoolean()) return valid.asBoolean() ? "valid" : "invalid";
        return valid.asText();
    }

    private static String stampToIso(String stamp) {
        // 20261126T101500.123 -> 2026-11-26T10:15:00.123Z
        return stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 11) + ":" + stamp.substring(11, 13)
                + ":" + stamp.substring(13) + "Z";
    }

    static Map<String, Object> links(String id) {
        String base = "/api/runs/" + id;
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", base);
        links.put("page", "/#run=" + id);
        links.put("live", base + "/live");
        links.put("results", base + "/results");
        links.put("history", base + "/history");
        links.put("report", base + "/report");
        links.put("junit", base + "/junit.xml");
        links.put("files", base + "/files/");
        return links;
    }

    private void show(RoutingContext ctx) {
        RunStore.Entry run = run(ctx);
        if (run == null) return;
        vertx.executeBlocking(() -> {
            Map<String, Object> body = summary(run);
            JsonNode results = RunStore.results(run);
            if (results != null) {
                body.put("seed", results.get("seed"));
                body.put("ops", results.get("ops"));
                body.put("phase-ms", results.get("phase-ms"));
            }
            LiveRun live = runs.live(run.id());
            if (live != null && live.anomaly() != null) body.put("anomaly", Json.MAPPER.readTree(live.anomaly()));
            return body;
        }, false).onSuccess(body -> sendJson(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void post(RoutingContext ctx) {
        String text = ctx.body().asString(StandardCharsets.UTF_8.name());
        if (text == null || text.isBlank()) {
            sendError(ctx, 400, "the body is empty: post a test config, YAML or JSON, e.g. the contents of docker/examples/local-register.yaml");
            return;
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.parse(text, "request body", List.of(), System.getenv());
        } catch (ConfigException e) {
            sendError(ctx, 400, e.getMessage());
            return;
        } catch (RuntimeException e) {
            sendError(ctx, 400, "request body: not a test config: " + clip(String.valueOf(e.getMessage())));
            return;
        }
        if (!loaded.config().server().isNone()) {
            sendError(ctx, 400, "server: a posted run is served by this server, which has its token and origins already;"
                    + " remove the server section (FAULTLINE_TOKEN and --allow-origin set them for serve)");
            return;
        }
        CompletableFuture<String> started;
        try {
            started = runs.start(loaded);
        } catch (IllegalStateException e) {
            sendError(ctx, 409, e.getMessage());
            return;
        }
        Future.fromCompletionStage(started, ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader(HttpHeaders.LOCATION, "/api/runs/" + done.result());
                sendJson(ctx, 201, Map.of("id", done.result(), "links", links(done.result())));
            } else {
                Throwable e = done.cause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : done.cause();
                if (e instanceof ConfigProblem) sendError(ctx, 400, e.getMessage());
                else sendError(ctx, 500, "the run could not start: " + e.getMessage());
            }
        });
    }

    private void abort(RoutingContext ctx) {
        RunStore.Entry run = run(ctx);
        if (run == null) return;
        LiveRun live = runs.live(run.id());
        if (live == null || live.finished()) {
            sendError(ctx, 409, "run " + run.id() + " is not running" + (live == null ? " in this process" : "") + "; nothing to abort");
            return;
        }
        live.handle().abort();
        sendJson(ctx, 202, Map.of("id", run.id(), "status", "aborting", "links", links(run.id())));
    }

    private void live(RoutingContext ctx) {
        RunStore.Entry run = run(ctx);
        if (run == null) return;
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !originAllowed(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
            sendError(ctx, 403, "WebSocket from origin '" + clip(origin) + "' refused: only this server's own page may watch"
                    + " (or an origin given with --allow-origin)");
            return;
        }
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
            sendError(ctx, 400, "this is a WebSocket: connect with ws://.../api/runs/" + run.id() + "/live");
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> {
            LiveSocket socket = new LiveSocket(ws, vertx.getOrCreateContext());
            LiveRun liveRun = runs.live(run.id());
            if (liveRun != null) {
                socket.first(liveRun.subscribe(socket));
                socket.closeHandler(() -> liveRun.unsubscribe(socket));
            } else {
                vertx.executeBlocking(() -> storedSnapshot(run), false).onSuccess(snapshot -> {
                    socket.first(snapshot);
                    ws.close();
                });
            }
        }).onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.getMessage()));
    }

    /** A run that is not live here: what its results say, in the snapshot's shape. */
    private String storedSnapshot(RunStore.Entry run) {
        JsonNode results = RunStore.results(run);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("run", Map.of("id", run.id(), "name", run.test()));
        m.put("phase", results != null ? "done" : "incomplete");
        m.put("progress", List.of());
        m.put("nemesis", List.of());
        m.put("anomaly", null);
        if (results != null) {
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("type", "verdict");
            verdict.put("verdict", verdictWord(results.get("valid")));
            verdict.put("why", results.path("why").asText(null));
            m.put("verdict", verdict);
        } else {
            m.put("verdict", null);
        }
        return json(m);
    }

    boolean originAllowed(String origin, String host) {
        if (settings.allowedOrigins().contains(origin)) return true;
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void file(RoutingContext ctx, String name, String contentType, String missing) {
        RunStore.Entry run = run(ctx);
        if (run == null) return;
        Path file = run.dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            sendError(ctx, 404, missing);
            return;
        }
        // sendFile streams from disk: a history is never loaded whole.
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).sendFile(file.toString())
                .onFailure(e -> LOG.debug("sending {} failed: {}", file, e.getMessage()));
    }

    private void files(RoutingContext ctx, String relative) {
        RunStore.Entry run = run(ctx);
        if (run == null) return;
        if (relative == null) {
            sendError(ctx, 400, "the path is not valid URL encoding");
            return;
        }
        RunFiles.Resolved resolved;
        try {
            resolved = RunFiles.resolve(run.dir(), relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative);
        } catch (IOException e) {
            sendError(ctx, 404, "no such file in this run");
            return;
        }
        if (!resolved.ok()) {
            sendError(ctx, resolved.status(), resolved.error());
            return;
        }
        Path path = resolved.path();
        if (Files.isDirectory(path)) {
            vertx.executeBlocking(() -> listing(run, path), false).onSuccess(body -> sendJson(ctx, 200, body)).onFailure(ctx::fail);
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType(path.getFileName().toString())).sendFile(path.toString())
                .onFailure(e -> LOG.debug("sending {} failed: {}", path, e.getMessage()));
    }

    private static Map<String, Object> listing(RunStore.Entry run, Path dir) throws IOException {
        Path root = run.dir().toRealPath();
        List<Map<String, Object>> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!RunFiles.listed(root, child)) continue;
                boolean directory = Files.isDirectory(child);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", child.getFileName().toString() + (directory ? "/" : ""));
                e.put("path", root.relativize(child).toString().replace('\\', '/') + (directory ? "/" : ""));
                if (!directory) e.put("bytes", Files.size(child));
                entries.add(e);
            }
        }
        entries.sort((a, b) -> a.get("name").toString().compareTo(b.get("name").toString()));
        return Map.of("run", run.id(), "path", root.relativize(dir).toString(), "entries", entries);
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".html")) return "text/html; charset=utf-8";
        if (lower.endsWith(".svg")) return "image/svg+xml";
        if (lower.endsWith(".png")) return "image/png";
        if (lower.endsWith(".css")) return "text/css; charset=utf-8";
        if (lower.endsWith(".json")) return "application/json";
        if (lower.endsWith(".jsonl")) return "application/x-ndjson";
        if (lower.endsWith(".xml")) return "application/xml";
        return "text/plain; charset=utf-8";
    }

    /** The run the path names, or null after answering 404. */
    private RunStore.Entry run(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        RunStore.Entry run = store.find(id).orElse(null);
        if (run == null) sendError(ctx, 404, "no run '" + clip(id) + "' in " + store.path() + "; GET /api/runs lists them");
        return run;
    }

    /** The request path after {@code marker}, URL-decoded; null for a malformed encoding. */
    private static String below(RoutingContext ctx, String marker) {
        String path = ctx.request().path();
        int at = path.indexOf(marker);
        String raw = at < 0 ? "" : path.substring(at + marker.length());
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void sendJson(RoutingContext ctx, int status, Object body) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) return;
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json(body));
    }

    static void sendError(RoutingContext ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        sendJson(ctx, status, body);
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    private static String clip(String s) {
        if (s == null) return "";
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "..." : clean;
    }

    private static Buffer resource(String name) {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the page " + name + " is missing from the jar");
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
