package io.faultline.provision.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.cluster.RunCertificates;
import io.faultline.config.ClusterConfig;
import io.faultline.config.TestConfig;
import io.faultline.join.JoinRefusal;
import io.faultline.join.JoinReply;
import io.faultline.join.JoinRequest;
import io.faultline.join.JoinToken;
import io.faultline.json.Json;
import io.faultline.protocol.AgentContract;
import io.faultline.provision.Provider;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code external} provider: the nodes are agents started elsewhere (by hand, a Swarm, Kubernetes) that join the
 * run. It serves the join endpoint over HTTPS with the certificate every token pins; an agent posts its token, its
 * node name and a certificate request. A good token for a node of the config that has not joined yet is held until
 * every node has joined; then each gets its certificate from the run's CA and its contract, and joins the clustered
 * event bus as a node container does. The provision phase ends there; after {@code cluster.join.timeout} it fails
 * naming the nodes that never came. Everything else is refused at once, with one line to both sides.
 *
 * <p>Every token a run accepted is spent when the run stops: no later run accepts it.
 */
public final class ExternalProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalProvider.class);
    /** How long the token handed to a persistent agent for its next run lasts. */
    static final Duration NEXT_TOKEN_TTL = Duration.ofHours(24);

    private final Vertx vertx;
    private final JoinSecrets secrets;
    private final RunCertificates certificates;
    private final ClusterConfig.Join join;
    private final String runToken;
    /** Nodes that joined, in order, with the requests still waiting for the run to fill up. Event loop only. */
    private final Map<String, Joined> joined = new LinkedHashMap<>();
    private final List<JoinToken> used = new ArrayList<>();
    private final Promise<Void> everyoneJoined = Promise.promise();
    private List<String> nodes = List.of();
    private List<AgentContract> contracts = List.of();
    private HttpServer server;
    private long timer = -1;
    private volatile boolean stopped;

    private record Joined(JoinRequest request, String host, int port, String dataAddress, HttpServerRequest waiting) {
    }

    /**
     * @param runToken the token this run made for itself, spent with the others when the run stops; null for none
     */
    public ExternalProvider(Vertx vertx, JoinSecrets secrets, RunCertificates certificates, ClusterConfig.Join join, String runToken) {
        this.vertx = vertx;
        this.secrets = secrets;
        this.certificates = certificates;
        this.join = join;
        this.runToken = runToken;
    }

    /** Serves the join endpoint; done when it listens (a test joins after that). */
    public Future<Integer> listen() {
        if (server != null) return Future.succeededFuture(server.actualPort());
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(secrets.endpointCert().toString()).setKeyPath(secrets.endpointKey().toString())));
        server.requestHandler(this::handle);
        return server.listen(join.bind().port(), join.bind().host())
                .map(HttpServer::actualPort)
                .recover(e -> Future.failedFuture(new IllegalStateException("cluster.join.bind: cannot serve the join endpoint on "
                        + join.bind() + ": " + e.getMessage(), e)))
                .onSuccess(port -> LOG.info("join endpoint listening on {} (port {}); agents join at {}", join.bind().host(), port,
                        join.advertise()));
    }

    @Override
    public Future<Void> start(TestConfig config, List<AgentContract> agents, NodeDirs nodeDirs) {
        nodes = config.nodes();
        contracts = agents;
        Duration timeout = join.timeout();
        return listen().compose(port -> {
            LOG.info("waiting up to {} s for the agents of {} to join", timeout.toSeconds(), nodes);
            timer = vertx.setTimer(timeout.toMillis(), id -> everyoneJoined.tryFail(neverCame(timeout)));
            admitIfFull();
            return everyoneJoined.future();
        });
    }

    private String neverCame(Duration timeout) {
        List<String> missing = nodes.stream().filter(node -> !joined.containsKey(node)).toList();
        String message = "cluster.nodes never joined within " + timeout.toSeconds() + " s: " + String.join(", ", missing)
                + (joined.isEmpty() ? " (none joined)" : " (joined: " + String.join(", ", joined.keySet()) + ")")
                + "; start each with: java -jar faultline-agent.jar --join " + join.advertise() + " --token <token> --node "
                + missing.get(0) + " --advertise <its address>:5701 (the token as printed when the run started, or from"
                + " faultline join-token)";
        for (Joined waiting : joined.values()) {
            if (waiting.waiting() != null) refuse(waiting.waiting(), 503, "the run gave up: " + String.join(", ", missing) + " never joined");
        }
        return message;
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals(JoinRequest.PATH) || !request.method().name().equals("POST")) {
            refuse(request, 404, "the join endpoint takes POST " + JoinRequest.PATH);
            return;
        }
        request.body().onSuccess(body -> {
            JoinRequest join;
            try {
                join = Json.MAPPER.readValue(body.toString(), JoinRequest.class);
            } catch (JsonProcessingException e) {
                refuse(request, 400, "the join request is not JSON of a join request: " + e.getOriginalMessage());
                return;
            }
            admit(request, join);
        });
    }

    private void admit(HttpServerRequest request, JoinRequest ask) {
        String node = ask.node();
        String from = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
        JoinToken token;
        try {
            token = secrets.verify(ask.token());
        } catch (JoinSecrets.Refused e) {
            refused(request, 403, node, from, e.getMessage());
            return;
        }
        if (stopped || everyoneJoined.future().isComplete()) {
            // 503: a persistent agent that comes back before this run has closed its endpoint tries again, for the next run.
            refused(request, 503, node, from, "the run takes no more joins: it " + (stopped ? "is over" : "has all its nodes"));
            return;
        }
        if (node == null || !nodes.contains(node)) {
            refused(request, 409, node, from, "unknown node: " + node + " is not in cluster.nodes " + nodes);
            return;
        }
        if (joined.containsKey(node)) {
            refused(request, 409, node, from, "duplicate node: " + node + " has joined already, from " + joined.get(node).host()
                    + "; stop the second agent or give it another --node");
            return;
        }
        ClusterConfig.Address advertise;
        String data;
        try {
            advertise = address(ask.advertise());
            data = ask.dataAddress();
            if (data == null) throw new IllegalArgumentException("the request names no data address");
            if (!IPAddress.isValid(data)) throw new IllegalArgumentException("the data address is not an IP address: " + data);
            if (ask.csr() == null) throw new IllegalArgumentException("the request has no certificate request (csr)");
        } catch (IllegalArgumentException e) {
            refused(request, 400, node, from, e.getMessage());
            return;
        }
        used.add(token);
        joined.put(node, new Joined(ask, advertise.host(), advertise.port(), data, request));
        // A held agent that goes away frees its name, so it can come back.
        request.connection().closeHandler(v -> {
            Joined held = joined.get(node);
            if (held != null && held.waiting() == request && !everyoneJoined.future().isComplete()) {
                joined.remove(node);
                LOG.warn("{} left before the run filled up; it may join again", node);
            }
        });
        List<String> waitingFor = nodes.stream().filter(n -> !joined.containsKey(n)).toList();
        LOG.info("{} joined from {} (advertises {}, data {}){}", node, from, advertise, data,
                waitingFor.isEmpty() ? "" : "; waiting for " + String.join(", ", waitingFor));
        admitIfFull();
    }

    /** Once every node has joined: certificates, contracts and next tokens go out, and provisioning is done. */
    private void admitIfFull() {
        if (contracts.isEmpty() || joined.size() < nodes.size() || everyoneJoined.future().isComplete()) return;
        Map<String, String> dataAddresses = new LinkedHashMap<>();
        List<String> members = new ArrayList<>();
        members.add(join.advertise().plus(ClusterConfig.Join.HAZELCAST_OFFSET).toString());
        for (String node : nodes) {
            Joined j = joined.get(node);
            dataAddresses.put(node, j.dataAddress());
            members.add(new ClusterConfig.Address(j.host(), j.port()).toString());
        }
        List<Future<Void>> replies = new ArrayList<>();
        for (AgentContract contract : contracts) {
            Joined j = joined.get(contract.node());
            AgentContract.Endpoints endpoints = new AgentContract.Endpoints("faultline-" + contract.runId(), j.host(), j.port(), members,
                    dataAddresses, null, Map.of());
            replies.add(vertx.executeBlocking(() -> {
                List<String> ips = new ArrayList<>(List.of(j.dataAddress()));
                List<String> dns = new ArrayList<>();
                if (IPAddress.isValid(j.host())) { if (!ips.contains(j.host())) ips.add(j.host()); } else dns.add(j.host());
                return certificates.sign(contract.node(), j.request().csr(), ips, dns);
            }).map(certificate -> {
                String next = j.request().persistent() ? secrets.mint(NEXT_TOKEN_TTL).toString() : null;
                send(j.waiting(), 200, new JoinReply(certificate, certificates.caPem(), contract.withEndpoints(endpoints), next));
                return null;
            }));
        }
        Future.all(replies).onComplete(done -> {
            if (timer >= 0) vertx.cancelTimer(timer);
            if (done.failed()) {
                for (Joined j : joined.values()) refuse(j.waiting(), 500, "the control could not certify the nodes: " + done.cause().getMessage());
                everyoneJoined.tryFail("cannot certify the joined nodes: " + done.cause().getMessage());
            } else {
                LOG.info("every node joined: {}", joined.keySet().stream().collect(Collectors.joining(", ")));
                everyoneJoined.tryComplete();
            }
        });
    }

    @Override
    public Future<Void> stop() {
        if (stopped) return Future.succeededFuture();
        stopped = true;
        if (timer >= 0) vertx.cancelTimer(timer);
        everyoneJoined.tryFail("the run stopped before every node joined");
        Future<Void> spent = vertx.executeBlocking(() -> {
            List<JoinToken> tokens = new ArrayList<>(used);
            if (runToken != null) tokens.add(JoinToken.parse(runToken));
            secrets.spend(tokens);
            return null;
        });
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return Future.join(spent, closed).mapEmpty();
    }

    private void refused(HttpServerRequest request, int status, String node, String from, String why) {
        LOG.warn("join refused: {} from {}: {}", node, from, why);
        refuse(request, status, why);
    }

    private static void refuse(HttpServerRequest request, int status, String why) {
        send(request, status, new JoinRefusal(why));
    }

    private static void send(HttpServerRequest request, int status, Object body) {
        if (request == null || request.response().ended() || request.response().closed()) return;
        try {
            request.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .end(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(500).end();
        }
    }

    /** An agent's Hazelcast port and the event bus on the next one. */
    private static ClusterConfig.Address address(String text) {
        if (text == null) throw new IllegalArgumentException("the request names no advertise address (host:port)");
        try {
            return ClusterConfig.Address.parse(text, 65534);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the advertise address " + text + " " + e.getMessage());
        }
    }
}
