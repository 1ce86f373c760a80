package io.faultline.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.nio.file.Path;
import java.util.List;

/**
 * A Vert.x instance joined to a run's cluster: Hazelcast membership over TCP-IP with the members named
 * (never multicast or auto-detection, which would find strangers), bound to one interface, advertising
 * an address the other members can reach — a wrong one shows up only as request timeouts.
 */
public final class ClusteredVertx {

    /**
     * @param clusterName      keeps runs apart
     * @param host             the address this member binds and advertises (a container's control-network address)
     * @param hazelcastPort    this member's Hazelcast port
     * @param members          every member as {@code host:port}, this one included
     * @param eventBusPort     this member's event-bus port (0 = any free port)
     * @param tls              the run's certificates for the event bus, or null for none (tests on loopback)
     * @param bind             where this member listens when that is not what it advertises (a machine behind a
     *                         forwarded port, or one listening on every interface); null to listen where it advertises
     * @param lite             a Hazelcast lite member: it holds no share of the cluster's maps, so its joining moves
     *                         no partitions and the members' registrations are not stalled by migrations
     * @param eventLoops       Vert.x event-loop threads, 0 for Vert.x's default (twice the cores)
     */
    public record Settings(String clusterName, String host, int hazelcastPort, List<String> members, int eventBusPort,
                           Tls tls, Bind bind, boolean lite, int eventLoops) {
        public Settings(String clusterName, String host, int hazelcastPort, List<String> members, int eventBusPort, Tls tls,
                        Bind bind) {
            this(clusterName, host, hazelcastPort, members, eventBusPort, tls, bind, false, 0);
        }

        public Settings(String clusterName, String host, int hazelcastPort, List<String> members, int eventBusPort) {
            this(clusterName, host, hazelcastPort, members, eventBusPort, null, null);
        }

        public Settings(String clusterName, String host, int hazelcastPort, List<String> members, int eventBusPort, Tls tls) {
            this(clusterName, host, hazelcastPort, members, eventBusPort, tls, null);
        }

        /**
         * An agent's member: lite, since the control holds the cluster's data and outlives every agent, and one
         * event loop, since an agent's work is light and a node container gets a small share of the cores: one
         * thread saves a hand-over between threads on every message.
         */
        public Settings asAgent() {
            return new Settings(clusterName, host, hazelcastPort, members, eventBusPort, tls, bind, true, 1);
        }
    }

    /** The local side: an address of this machine, or {@code 0.0.0.0} for all of them, and the two ports. */
    public record Bind(String host, int hazelcastPort, int eventBusPort) {
        public static final String ANY = "0.0.0.0";
    }

    /** PEM files: the run's CA certificate, this member's certificate and its private key (see {@link RunCertificates}). */
    public record Tls(Path ca, Path cert, Path key) {
    }

    private ClusteredVertx() {
    }

    public static Future<Vertx> start(Settings settings) {
        // Hazelcast reads its logging choice once, from a system property, before it logs anything.
        System.setProperty("hazelcast.logging.type", "slf4j");
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.clusterName());
        config.setLiteMember(settings.lite());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        Bind bind = settings.bind() != null ? settings.bind()
                : new Bind(settings.host(), settings.hazelcastPort(), settings.eventBusPort());
        boolean any = bind.host().equals(Bind.ANY);
        config.setProperty("hazelcast.socket.bind.any", String.valueOf(any));
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Members are named up front; Hazelcast's default 5 s wait for more joiners only delays a run's start.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        // At the end of a run the other members are already gone: nothing is left to hand partitions to.
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "3");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(bind.hazelcastPort()).setPortAutoIncrement(false);
        network.setPublicAddress(settings.host() + ":" + settings.hazelcastPort());
        network.getInterfaces().setEnabled(!any).setInterfaces(any ? List.of() : List.of(bind.host()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());

        VertxOptions options = new VertxOptions();
        if (settings.eventLoops() > 0) options.setEventLoopPoolSize(settings.eventLoops());
        EventBusOptions eventBus = options.getEventBusOptions()
                .setHost(bind.host())
                .setClusterPublicHost(settings.host())
                .setPort(bind.eventBusPort());
        if (settings.bind() != null) eventBus.setClusterPublicPort(settings.eventBusPort());
        HazelcastClusterManager clusterManager;
        if (settings.tls() != null) {
            secure(eventBus, settings.tls());
            try {
                clusterManager = new CertifiedMembers(config, settings.tls());
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(e);
            }
        } else {
            clusterManager = new HazelcastClusterManager(config);
        }
        return Vertx.builder()
                .with(options)
                .withClusterManager(clusterManager)
                .buildClustered();
    }

    /**
     * The event bus is the cluster's only gate: open-source Hazelcast lets anyone who reaches its port join,
     * and a member receives what is sent or published to addresses it registers. With both ends
     * authenticated by the run's CA, a member without a certificate from it can join Hazelcast but can
     * neither receive (members refuse to connect to its server) nor send (its connections are refused);
     * {@link CertifiedMembers} keeps it out of routing, so its subscriptions take no message from a member.
     */
    private static void secure(EventBusOptions eventBus, Tls tls) {
        // Vert.x and Netty put the member's key into in-memory PKCS12 stores several times while the event bus
        // starts; each store encrypts and decrypts it with 10,000 PBKDF2 rounds, about a second of CPU per member
        // on a loaded machine. These stores never reach a disk.
        System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
        eventBus.setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.cert().toString())
                        .setKeyPath(tls.key().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(tls.ca().toString()))
                // The default trusts every server certificate: a rogue server would receive broadcasts.
                .setTrustAll(false)
                .setClientAuth(ClientAuth.REQUIRED);
        // Every operation crosses TLS twice; BoringSSL does that in native code, the JDK's engine in Java that the
        // JIT must first compile (and, on the agents' C1 only, without its AES intrinsics).
        if (OpenSSLEngineOptions.isAvailable()) eventBus.setSslEngineOptions(new OpenSSLEngineOptions());
        // Hostname verification needs no setting: the clustered event bus turns it off for its client
        // (members are reached by IP), leaving trust to the run's CA on both ends.
    }
}
