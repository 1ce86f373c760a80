package io.faultline.provision.external;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.faultline.agent.join.JoinClient;
import io.faultline.cluster.RunCertificates;
import io.faultline.config.ClusterConfig;
import io.faultline.config.ConfigLoader;
import io.faultline.config.TestConfig;
import io.faultline.protocol.AgentContract;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Joining a run over the real join endpoint, in process: the agent's {@link JoinClient} against the control's
 * {@link ExternalProvider}. Every refusal is one line on both sides.
 */
class ExternalProviderTest {
    private static final String RUN = "20261202T150000.000";

    @TempDir
    Path store;
    @TempDir
    Path agentDir;

    private Vertx vertx;
    private JoinSecrets secrets;
    private ExternalProvider provider;
    private int port;
    private final ListAppender<ILoggingEvent> controlLog = new ListAppender<>();

    @BeforeEach
    void control() throws Exception {
        vertx = Vertx.vertx();
        secrets = JoinSecrets.open(store);
        controlLog.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ExternalProvider.class);
        logger.setLevel(Level.INFO);
        logger.addAppender(controlLog);
    }

    @AfterEach
    void close() throws Exception {
        ((Logger) LoggerFactory.getLogger(ExternalProvider.class)).detachAppender(controlLog);
        if (provider != null) await(provider.stop());
        await(vertx.close());
    }

    /** The provider of a run of nodes n1 and n2, listening; its start (waiting for the agents) is the result. */
    private Future<Void> provision(Duration timeout) throws Exception {
        TestConfig config = ConfigLoader.parse("""
                name: x
                cluster: {provider: external, nodes: [n1, n2], join: {bind: 127.0.0.1:7000, advertise: 127.0.0.1:7000}}
                db: {name: etcd}
                workload: {name: register, client: etcd}
                """, "test.yaml", List.of(), Map.of()).config();
        ClusterConfig.Join join = new ClusterConfig.Join(new ClusterConfig.Address("127.0.0.1", 0),
                new ClusterConfig.Address("127.0.0.1", 7000), timeout);
        provider = new ExternalProvider(vertx, secrets, RunCertificates.create(store.resolve(RUN), RUN), join, null);
        port = await(onVertx(() -> provider.listen()));
        List<AgentContract> contracts = config.nodes().stream().map(node -> new AgentContract(RUN, node, config.nodes(), config.db(),
                new AgentContract.Clients("etcd", 1000, Map.of()), 10_000, null, List.of())).toList();
        Promise<Void> started = Promise.promise();
        vertx.runOnContext(v -> provider.start(config, contracts, n -> agentDir).onComplete(started));
        return started.future();
    }

    private <T> Future<T> onVertx(java.util.function.Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        vertx.runOnContext(v -> work.get().onComplete(promise));
        return promise.future();
    }

    private CompletableFuture<JoinClient.Joined> join(String token, String node) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return JoinClient.join("127.0.0.1:" + port, token, node, "127.0.0.1:" + (7100 + node.hashCode() % 50), "127.0.0.1",
                        false, agentDir.resolve(node + "-" + System.nanoTime()), Duration.ofSeconds(30));
            } catch (JoinClient.Refused e) {
                throw new RuntimeException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The agent's line for a join that was refused. */
    private String refused(CompletableFuture<JoinClient.Joined> joining) {
        Exception e = catchThrowableOfType(Exception.class, () -> joining.get(30, TimeUnit.SECONDS));
        assertThat(e).as("the join was refused").isNotNull();
        Throwable cause = e.getCause().getCause();
        assertThat(cause).isInstanceOf(JoinClient.Refused.class);
        assertThat(cause.getMessage()).doesNotContain("\n");
        return cause.getMessage();
    }

    private String controlSaid() {
        return controlLog.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("join refused"))
                .reduce((a, b) -> b).orElse("(the control logged no refusal)");
    }

    @Test
    void everyNodeGetsItsCertificateAndContractOnceAllHaveJoined() throws Exception {
        Future<Void> started = provision(Duration.ofSeconds(30));
        String token = secrets.mint(Duration.ofMinutes(5)).toString();

        CompletableFuture<JoinClient.Joined> n1 = join(token, "n1");
        Thread.sleep(300);
        assertThat(n1).as("n1 waits for n2").isNotDone();
        JoinClient.Joined n2 = join(token, "n2").get(30, TimeUnit.SECONDS);
        await(started);

        AgentContract.Endpoints at = n1.get(30, TimeUnit.SECONDS).contract().endpoints();
        assertThat(at.members()).first().isEqualTo("127.0.0.1:7001");
        assertThat(at.dataAddresses()).containsOnlyKeys("n1", "n2");
        assertThat(n2.contract().node()).isEqualTo("n2");
        X509Certificate cert = pem(n2.tls().cert());
        cert.verify(pem(n2.tls().ca()).getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=n2");
    }

    @Test
    void aTokenNotMadeWithTheControlsKeyIsRefused() throws Exception {
        provision(Duration.ofSeconds(30));
        String good = secrets.mint(Duration.ofMinutes(5)).toString();
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";

        assertThat(refused(join(forged, "n1"))).contains("join refused by 127.0.0.1:" + port, "bad token", "join key");
        assertThat(controlSaid()).isEqualTo("join refused: n1 from 127.0.0.1: bad token: it was not made with this control's join key ("
                + store.resolve(".join/key") + "); print a new one with: faultline join-token");
    }

    @Test
    void aTokenOfAnotherControlNeverLeavesTheAgent() throws Exception {
        provision(Duration.ofSeconds(30));
        String elsewhere = JoinSecrets.open(agentDir).mint(Duration.ofMinutes(5)).toString();

        assertThat(refused(join(elsewhere, "n1"))).contains("does not hold the certificate the token pins");
        assertThat(controlSaid()).as("the token was never sent").isEqualTo("(the control logged no refusal)");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        provision(Duration.ofSeconds(30));
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        String old = JoinSecrets.open(store, yesterday).mint(Duration.ofHours(1)).toString();

        assertThat(refused(join(old, "n1"))).contains("expired token", "faultline join-token");
        assertThat(controlSaid()).startsWith("join refused: n1 from 127.0.0.1: expired token: it expired at");
    }

    @Test
    void aNodeNotInTheConfigIsRefused() throws Exception {
        provision(Duration.ofSeconds(30));

        assertThat(refused(join(secrets.mint(Duration.ofMinutes(5)).toString(), "n9")))
                .endsWith("unknown node: n9 is not in cluster.nodes [n1, n2]");
        assertThat(controlSaid()).isEqualTo("join refused: n9 from 127.0.0.1: unknown node: n9 is not in cluster.nodes [n1, n2]");
    }

    @Test
    void aSecondAgentWithTheSameNameIsRefused() throws Exception {
        provision(Duration.ofSeconds(30));
        String token = secrets.mint(Duration.ofMinutes(5)).toString();
        CompletableFuture<JoinClient.Joined> first = join(token, "n1");
        awaitLogged("n1 joined");

        assertThat(refused(join(token, "n1"))).contains("duplicate node: n1 has joined already, from 127.0.0.1");
        assertThat(controlSaid()).startsWith("join refused: n1 from 127.0.0.1: duplicate node");
        assertThat(first).isNotDone();
    }

    @Test
    void aNodeThatNeverComesIsNamedWhenTheWaitRunsOut() throws Exception {
        Future<Void> started = provision(Duration.ofSeconds(2));
        CompletableFuture<JoinClient.Joined> n1 = join(secrets.mint(Duration.ofMinutes(5)).toString(), "n1");

        Throwable e = catchThrowableOfType(Exception.class, () -> await(started));
        assertThat(e.getCause().getMessage()).startsWith("cluster.nodes never joined within 2 s: n2 (joined: n1); start each with:")
                .contains("--node n2");
        assertThat(refused(n1)).endsWith("the run gave up: n2 never joined");
    }

    @Test
    void aTokenIsSpentWhenItsRunStops() throws Exception {
        Future<Void> started = provision(Duration.ofSeconds(30));
        String token = secrets.mint(Duration.ofMinutes(5)).toString();
        join(token, "n1");
        join(token, "n2").get(30, TimeUnit.SECONDS);
        await(started);
        await(provider.stop());

        provision(Duration.ofSeconds(30));
        assertThat(refused(join(token, "n1"))).contains("spent token", "an earlier run used it");
    }

    private void awaitLogged(String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (controlLog.list.stream().noneMatch(e -> e.getFormattedMessage().startsWith(start))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the control never logged '" + start + "'");
            Thread.sleep(20);
        }
    }

    private static X509Certificate pem(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(java.nio.file.Files.readString(file).getBytes(StandardCharsets.US_ASCII)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
