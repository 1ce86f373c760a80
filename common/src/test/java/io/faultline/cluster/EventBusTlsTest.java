package io.faultline.cluster;

import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.RegistrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event bus as the cluster's gate, on 127.0.0.1. A control and an agent hold the run's certificates; each
 * test adds a third member to their Hazelcast cluster — one it was never told about, which open-source
 * Hazelcast admits all the same — and subscribes it to the heartbeat. A rogue hears nothing and commands
 * nothing; a member with the run's certificate in the very same place hears and commands like the agent,
 * so the rogues' silence is the certificates' doing and not the test's.
 */
class EventBusTlsTest {
    private static final List<String> LOOPBACK = List.of("127.0.0.1");
    private static final int HEARTBEATS = 5;
    private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(2_000);
    private static final DeliveryOptions THIRD = new DeliveryOptions().setSendTimeout(500);
    private static final Addresses ADDRESSES = new Addresses("run-1");

    @TempDir
    static Path dir;

    private static String cluster;
    private static List<String> members;
    private static RunCertificates run;
    private static RunCertificates.Member controlFiles;
    private static Vertx control;
    private static Vertx agent;
    private static final AtomicInteger agentHeartbeats = new AtomicInteger();
    private static final AtomicInteger agentShutdowns = new AtomicInteger();

    private Vertx third;
    private final AtomicInteger thirdHeartbeats = new AtomicInteger();

    @BeforeAll
    static void startControlAndAgent() throws Exception {
        cluster = "faultline-tls-" + System.nanoTime();
        int controlPort = freePort();
        int agentPort = freePort();
        members = List.of("127.0.0.1:" + controlPort, "127.0.0.1:" + agentPort);
        run = RunCertificates.create(dir.resolve("run"), "run-1");
        controlFiles = run.issue("control", LOOPBACK);
        // One after the other: started together, the two take seconds longer to settle which is master.
        control = await(start(controlPort, members, controlFiles.tls()));
        agent = await(start(agentPort, members, run.issue("n1", LOOPBACK).tls()));
        await(Future.all(
                control.eventBus().consumer(ADDRESSES.controlRegister(), m -> m.reply(new Messages.Welcome())).completion(),
                agent.eventBus().consumer(ADDRESSES.agent("n1"), m -> {
                    if (m.body() instanceof Messages.Shutdown) agentShutdowns.incrementAndGet();
                    m.reply(Messages.Reply.ok(0));
                }).completion(),
                agent.eventBus().consumer(ADDRESSES.heartbeat(), m -> agentHeartbeats.incrementAndGet()).completion()));
    }

    @AfterAll
    static void stopControlAndAgent() throws Exception {
        for (Vertx vertx : new Vertx[]{agent, control}) {
            if (vertx != null) await(vertx.close());
        }
    }

    @BeforeEach
    void resetCounts() {
        agentHeartbeats.set(0);
        agentShutdowns.set(0);
    }

    @AfterEach
    void stopThird() throws Exception {
        if (third != null) await(third.close());
    }

    @Test
    void aRogueWithACertificateFromAnotherCaHearsNothingAndCommandsNothing() throws Exception {
        RunCertificates.Member stranger = RunCertificates.create(dir.resolve("other"), "run-2").issue("rogue", LOOPBACK);
        // ca.pem is no secret, so the rogue trusts the run's CA; what it lacks is a certificate from it.
        join(new ClusteredVertx.Tls(controlFiles.ca(), stranger.cert(), stranger.key()));

        controlAndAgentTalk();
        rogueIsShutOut();
    }

    @Test
    void aRogueWithoutTlsHearsNothingAndCommandsNothing() throws Exception {
        join(null);

        controlAndAgentTalk();
        rogueIsShutOut();
    }

    @Test
    void aMemberWithTheRunsCertificateInTheRoguesPlaceHearsAndCommands() throws Exception {
        join(run.issue("n2", LOOPBACK).tls());

        controlAndAgentTalk();
        Message<Object> reply = await(thirdCommandsTheAgent());

        assertThat(reply.body()).isEqualTo(Messages.Reply.ok(0));
        assertThat(agentShutdowns).hasValue(1);
        eventually(() -> thirdHeartbeats.get() == HEARTBEATS);
    }

    /** Starts the third member and waits until control and third member see each other's subscriptions. */
    private void join(ClusteredVertx.Tls tls) throws Exception {
        int port = freePort();
        third = await(start(port, List.of(members.get(0), members.get(1), "127.0.0.1:" + port), tls));
        await(third.eventBus().consumer(ADDRESSES.heartbeat(), m -> thirdHeartbeats.incrementAndGet()).completion());
        // Until the senders know of the subscriptions, silence would prove nothing.
        eventually(() -> subscribed(control, ADDRESSES.heartbeat(), third));
        eventually(() -> subscribed(third, ADDRESSES.agent("n1"), agent));
    }

    private static void controlAndAgentTalk() throws Exception {
        assertThat(await(control.eventBus().request(ADDRESSES.agent("n1"), new Messages.Ping(), SHORT)).body())
                .isEqualTo(Messages.Reply.ok(0));
        assertThat(await(agent.eventBus().request(ADDRESSES.controlRegister(),
                new Messages.AgentHello("n1", Set.of(), List.of()), SHORT)).body())
                .isEqualTo(new Messages.Welcome());
        for (int i = 0; i < HEARTBEATS; i++) {
            control.eventBus().publish(ADDRESSES.heartbeat(), new Messages.Heartbeat());
        }
        eventually(() -> agentHeartbeats.get() == HEARTBEATS);
    }

    /** Called after {@link #controlAndAgentTalk}: heartbeats meant for the rogue left with the agent's. */
    private void rogueIsShutOut() throws Exception {
        Future<Message<Object>> command = thirdCommandsTheAgent();
        await(command.otherwiseEmpty());

        assertThat(command.failed()).as("the rogue's command got an answer").isTrue();
        assertThat(agentShutdowns).as("commands from the rogue the agent received").hasValue(0);
        assertThat(thirdHeartbeats).as("heartbeats the rogue received").hasValue(0);
    }

    private Future<Message<Object>> thirdCommandsTheAgent() {
        return third.eventBus().request(ADDRESSES.agent("n1"), new Messages.Shutdown(), THIRD);
    }

    private static Future<Vertx> start(int port, List<String> joinList, ClusteredVertx.Tls tls) {
        return ClusteredVertx.start(new ClusteredVertx.Settings(cluster, "127.0.0.1", port, joinList, 0, tls))
                .onSuccess(vertx -> RecordCodec.registerAll(vertx.eventBus()));
    }

    /** Whether {@code viewer}'s cluster manager lists a registration of {@code address} on {@code member}. */
    private static boolean subscribed(Vertx viewer, String address, Vertx member) {
        Promise<List<RegistrationInfo>> registrations = Promise.promise();
        ((VertxInternal) viewer).clusterManager().getRegistrations(address, registrations);
        String node = ((VertxInternal) member).clusterManager().getNodeId();
        try {
            return await(registrations.future()).stream().anyMatch(r -> r.nodeId().equals(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
