package io.faultline.cluster;

import io.faultline.protocol.Addresses;
import io.faultline.protocol.Messages;
import io.faultline.protocol.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event bus as the cluster's gate, on 127.0.0.1. A control and an agent hold the run's certificates; each
 * test adds a third member to their Hazelcast cluster — one it was never told about, which open-source
 * Hazelcast admits all the same — and subscribes it to the heartbeat. A rogue hears nothing, commands nothing,
 * takes no command meant for the agent, and its joining costs the control and the agent no request; a member
 * with the run's certificate in the very same place hears and commands like the agent, so the rogues' silence
 * is the certificates' doing and not the test's.
 */
class EventBusTlsTest {
    private static final List<String> LOOPBACK = List.of("127.0.0.1");
    private static final int HEARTBEATS = 5;
    /** Anything the network should do gets this long: a loaded 2-core machine, and a JVM's first TLS handshakes. */
    private static final int NETWORK_SECONDS = 30;
    private static final DeliveryOptions ANSWERED = new DeliveryOptions().setSendTimeout(NETWORK_SECONDS * 1_000L);
    /**
     * How long a rogue's command is given to get an answer, and a rogue to hear heartbeats: several times a
     * first connection's TLS handshakes (1.4–2.3 s measured here under load), so a gate that let the rogue
     * through would show.
     */
    private static final DeliveryOptions ROGUE = new DeliveryOptions().setSendTimeout(8_000);
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
    private final AtomicInteger thirdCommands = new AtomicInteger();

    @BeforeAll
    static void startControlAndAgent() throws Exception {
        cluster = "faultline-tls-" + System.nanoTime();
        int controlPort = freePort();
        int agentPort = freePort();
        members = List.of("127.0.0.1:" + controlPort, "127.0.0.1:" + agentPort);
        run = RunCertificates.create(dir.resolve("run"), "run-1");
        controlFiles = run.issue("control", LOOPBACK);
        // One after the other: started together, the two take seconds longer to settle which is master.
        control = await(start(controlPort, members, controlFiles.tls()), "the control joins");
        agent = await(start(agentPort, members, run.issue("n1", LOOPBACK).tls()), "the agent joins");
        await(Future.all(
                control.eventBus().consumer(ADDRESSES.controlRegister(), m -> m.reply(new Messages.Welcome())).completion(),
                agent.eventBus().consumer(ADDRESSES.agent("n1"), m -> {
                    if (m.body() instanceof Messages.Shutdown) agentShutdowns.incrementAndGet();
                    m.reply(Messages.Reply.ok(0));
                }).completion(),
                agent.eventBus().consumer(ADDRESSES.heartbeat(), m -> agentHeartbeats.incrementAndGet()).completion()),
                "the control and the agent subscribe");
        // A run's control and agents have talked before anything else can join; the first exchange each way
        // also pays for the JVM's first TLS handshakes, which have nothing to do with a third member.
        controlAndAgentTalk();
    }

    @AfterAll
    static void stopControlAndAgent() throws Exception {
        for (Vertx vertx : new Vertx[]{agent, control}) {
            if (vertx != null) await(vertx.close(), "a member leaves");
        }
    }

    @BeforeEach
    void resetCounts() {
        agentHeartbeats.set(0);
        agentShutdowns.set(0);
    }

    @AfterEach
    void stopThird() throws Exception {
        if (third != null) await(third.close(), "the third member leaves");
    }

    @Test
    void aRogueWithACertificateFromAnotherCaHearsNothingAndCommandsNothing() throws Exception {
        join(strangersTls());

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
        eventually("the control routes the heartbeat to the certified third member", () -> subscribed(control, ADDRESSES.heartbeat(), third));

        controlAndAgentTalk();
        Message<Object> reply = await(third.eventBus().request(ADDRESSES.agent("n1"), new Messages.Shutdown(), ANSWERED),
                "the certified third member's command is answered");

        assertThat(reply.body()).isEqualTo(Messages.Reply.ok(0));
        assertThat(agentShutdowns).hasValue(1);
        eventually("the certified third member hears all " + HEARTBEATS + " heartbeats", () -> Future.succeededFuture(thirdHeartbeats.get() == HEARTBEATS));
    }

    @Test
    void aRogueSubscribedToTheAgentsAddressTakesNoneOfItsCommands() throws Exception {
        join(strangersTls());
        await(third.eventBus().consumer(ADDRESSES.agent("n1"), m -> thirdCommands.incrementAndGet()).completion(),
                "the rogue subscribes to the agent's address");
        eventually("the rogue's subscription to the agent's address is in the cluster's map",
                () -> subscribed(third, ADDRESSES.agent("n1"), third));

        List<Future<Message<Object>>> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            commands.add(control.eventBus().request(ADDRESSES.agent("n1"), new Messages.Ping(), ANSWERED));
        }
        await(Future.join(commands).otherwiseEmpty(), "the control's 20 commands to the agent end");

        assertThat(commands.stream().filter(Future::failed).map(c -> c.cause().getMessage()).toList())
                .as("the control's commands to the agent that got no answer").isEmpty();
        assertThat(thirdCommands).as("commands for the agent the rogue received").hasValue(0);
    }

    @Test
    void aRogueJoiningMidRunCostsNoOperation() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rounds = new AtomicInteger();
        Promise<Void> stop = Promise.promise();
        Future<Void> talking = talkUntil(stop.future(), rounds, failures);

        int before = rounds.get();
        join(strangersTls());
        // The rogue subscribed to the heartbeat and is in the cluster's map; Hazelcast is handing it partitions.
        int whileJoining = rounds.get() - before;
        control.setTimer(3_000, id -> stop.tryComplete());
        await(talking, "the control and the agent stop talking");

        assertThat(whileJoining).as("rounds of requests made while the rogue joined (none: the test proved nothing)").isPositive();
        assertThat(failures).as("requests between the control and the agent that failed while the rogue joined").isEmpty();
    }

    /** Until {@code stop}: a request from the control to the agent, then one from the agent to the control, again and again. */
    private static Future<Void> talkUntil(Future<Void> stop, AtomicInteger rounds, List<String> failures) {
        Promise<Void> stopped = Promise.promise();
        talk(stop, rounds, failures, stopped);
        return stopped.future();
    }

    /** Each round starts from the last one's callback, not its future, so no chain of futures grows with the rounds. */
    private static void talk(Future<Void> stop, AtomicInteger rounds, List<String> failures, Promise<Void> stopped) {
        if (stop.isComplete()) {
            stopped.complete();
            return;
        }
        control.eventBus().request(ADDRESSES.agent("n1"), new Messages.Ping(), ANSWERED)
                .onFailure(e -> failures.add("control -> agent: " + e.getMessage()))
                .otherwiseEmpty()
                .compose(v -> agent.eventBus().request(ADDRESSES.controlRegister(), new Messages.AgentHello("n1", Set.of(), List.of()), ANSWERED)
                        .onFailure(e -> failures.add("agent -> control: " + e.getMessage()))
                        .otherwiseEmpty())
                .onComplete(v -> {
                    rounds.incrementAndGet();
                    talk(stop, rounds, failures, stopped);
                });
    }

    private ClusteredVertx.Tls strangersTls() throws IOException {
        RunCertificates.Member stranger = RunCertificates.create(dir.resolve("other-" + System.nanoTime()), "run-2").issue("rogue", LOOPBACK);
        // ca.pem is no secret, so the rogue trusts the run's CA; what it lacks is a certificate from it.
        return new ClusteredVertx.Tls(controlFiles.ca(), stranger.cert(), stranger.key());
    }

    /** Starts the third member, subscribes it to the heartbeat, and waits until its subscription and the agent's are in the cluster's map. */
    private void join(ClusteredVertx.Tls tls) throws Exception {
        int port = freePort();
        third = await(start(port, List.of(members.get(0), members.get(1), "127.0.0.1:" + port), tls), "the third member joins");
        await(third.eventBus().consumer(ADDRESSES.heartbeat(), m -> thirdHeartbeats.incrementAndGet()).completion(),
                "the third member subscribes to the heartbeat");
        // Until the subscriptions are in the map every member reads, silence would prove nothing.
        eventually("the third member's heartbeat subscription is in the cluster's map", () -> subscribed(third, ADDRESSES.heartbeat(), third));
        eventually("the third member sees the agent's subscription", () -> subscribed(third, ADDRESSES.agent("n1"), agent));
    }

    private static void controlAndAgentTalk() throws Exception {
        assertThat(await(control.eventBus().request(ADDRESSES.agent("n1"), new Messages.Ping(), ANSWERED),
                "the agent answers the control").body())
                .isEqualTo(Messages.Reply.ok(0));
        assertThat(await(agent.eventBus().request(ADDRESSES.controlRegister(), new Messages.AgentHello("n1", Set.of(), List.of()), ANSWERED),
                "the control answers the agent").body())
                .isEqualTo(new Messages.Welcome());
        for (int i = 0; i < HEARTBEATS; i++) {
            control.eventBus().publish(ADDRESSES.heartbeat(), new Messages.Heartbeat());
        }
        eventually("the agent hears all " + HEARTBEATS + " heartbeats", () -> Future.succeededFuture(agentHeartbeats.get() == HEARTBEATS));
    }

    /** Called after {@link #controlAndAgentTalk}: heartbeats meant for the rogue left with the agent's. */
    private void rogueIsShutOut() throws Exception {
        assertThat(await(subscribed(control, ADDRESSES.heartbeat(), third), "the control reads the heartbeat's subscribers"))
                .as("the control routes heartbeats to the rogue").isFalse();
        Future<Message<Object>> command = third.eventBus().request(ADDRESSES.agent("n1"), new Messages.Shutdown(), ROGUE);
        await(command.otherwiseEmpty(), "the rogue's command ends");

        assertThat(command.failed()).as("the rogue's command failed (it got an answer)").isTrue();
        assertThat(command.cause()).as("why the rogue's command failed")
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
        assertThat(agentShutdowns).as("commands from the rogue the agent received").hasValue(0);
        assertThat(thirdHeartbeats).as("heartbeats the rogue received").hasValue(0);
    }

    private static Future<Vertx> start(int port, List<String> joinList, ClusteredVertx.Tls tls) {
        return ClusteredVertx.start(new ClusteredVertx.Settings(cluster, "127.0.0.1", port, joinList, 0, tls))
                .onSuccess(vertx -> RecordCodec.registerAll(vertx.eventBus()));
    }

    /** Whether {@code viewer}'s cluster manager routes {@code address} to {@code member}. */
    private static Future<Boolean> subscribed(Vertx viewer, String address, Vertx member) {
        Promise<List<RegistrationInfo>> registrations = Promise.promise();
        ((VertxInternal) viewer).clusterManager().getRegistrations(address, registrations);
        String node = ((VertxInternal) member).clusterManager().getNodeId();
        return registrations.future().map(list -> list.stream().anyMatch(r -> r.nodeId().equals(node)));
    }

    private static void eventually(String what, Supplier<Future<Boolean>> condition) throws InterruptedException {
        VertxTestContext waiting = new VertxTestContext();
        long timer = control.setPeriodic(20, id -> condition.get().onComplete(ar -> {
            if (ar.failed()) waiting.failNow(ar.cause());
            else if (ar.result()) waiting.completeNow();
        }));
        boolean ended = waiting.awaitCompletion(NETWORK_SECONDS, TimeUnit.SECONDS);
        control.cancelTimer(timer);
        if (waiting.failed()) throw new AssertionError(what + ": " + waiting.causeOfFailure(), waiting.causeOfFailure());
        assertThat(ended).as("never happened within %d s: %s", NETWORK_SECONDS, what).isTrue();
    }

    private static <T> T await(Future<T> future, String what) throws InterruptedException {
        VertxTestContext waiting = new VertxTestContext();
        future.onComplete(waiting.succeedingThenComplete());
        boolean ended = waiting.awaitCompletion(2L * NETWORK_SECONDS, TimeUnit.SECONDS);
        if (waiting.failed()) throw new AssertionError(what + " failed: " + waiting.causeOfFailure(), waiting.causeOfFailure());
        assertThat(ended).as("never happened within %d s: %s", 2 * NETWORK_SECONDS, what).isTrue();
        return future.result();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
