package io.faultline.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.faultline.config.ArchiveConfig;
import io.faultline.fault.Fault;
import io.faultline.history.OpType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records that travel between control and agents. Nothing else crosses: control and agent share no
 * objects (DESIGN.md decision 1). Every record here is registered with {@link RecordCodec}.
 */
public final class Messages {
    private Messages() {
    }

    /** Every message class, for codec registration. */
    public static final List<Class<?>> ALL = List.of(
            AgentHello.class, Welcome.class, EventBatch.class, Heartbeat.class, InvokeBatch.class,
            SetupDb.class, TeardownDb.class, OpenClients.class, CloseClients.class, ApplyFault.class,
            HealFault.class, HealAll.class, FindPrimary.class, Ping.class, CollectLogs.class, Shutdown.class, Reply.class);

    // ---- agent → control ----

    /** An agent announcing itself, with what it can do. */
    public record AgentHello(String node, Set<String> faultKinds, List<String> clients) {
    }

    /** The control's answer: it knows this agent now. */
    public record Welcome() {
    }

    /**
     * History events in arrival order on the agent, numbered per agent, sent without reply. The control
     * acknowledges batches cumulatively in the next {@link InvokeBatch} it sends that agent (one message per
     * round trip instead of a reply of its own); a batch still unacknowledged after a while is sent again with
     * the same {@code seq}, and the control drops repeats.
     */
    public record EventBatch(String node, long seq, List<Event> events) {
    }

    /**
     * One invocation or completion, stamped with the agent's monotonic clock where it happened.
     * {@code thread} is the worker (client thread) so the control can match completions to its generator.
     */
    public record Event(int thread, int process, OpType type, String f, Object key, Object value, String error,
                        long agentNanos) {
    }

    // ---- control → agents ----

    /** Renews every fault lease for the contract's lease from when the agent receives it. */
    public record Heartbeat() {
    }

    /**
     * Operations to start, each on its worker; the agent streams their invocation and completion events. It also
     * acknowledges this agent's event batches: every one numbered below {@code eventsReceivedBelow} has arrived.
     * With no operations it is the acknowledgement alone.
     */
    public record InvokeBatch(List<Invoke> ops, long eventsReceivedBelow) {
    }

    public record Invoke(int thread, int process, String f, Object key, Object value) {
    }

    /** Commands, each answered with a {@link Reply}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = SetupDb.class, name = "setup-db"),
            @JsonSubTypes.Type(value = TeardownDb.class, name = "teardown-db"),
            @JsonSubTypes.Type(value = OpenClients.class, name = "open-clients"),
            @JsonSubTypes.Type(value = CloseClients.class, name = "close-clients"),
            @JsonSubTypes.Type(value = ApplyFault.class, name = "apply-fault"),
            @JsonSubTypes.Type(value = HealFault.class, name = "heal-fault"),
            @JsonSubTypes.Type(value = HealAll.class, name = "heal-all"),
            @JsonSubTypes.Type(value = FindPrimary.class, name = "find-primary"),
            @JsonSubTypes.Type(value = Ping.class, name = "ping"),
            @JsonSubTypes.Type(value = CollectLogs.class, name = "collect-logs"),
            @JsonSubTypes.Type(value = Shutdown.class, name = "shutdown")})
    public sealed interface Command permits SetupDb, TeardownDb, OpenClients, CloseClients, ApplyFault, HealFault,
            HealAll, FindPrimary, Ping, CollectLogs, Shutdown {
    }

    /**
     * Install and start the system under test, as the agent's contract describes it.
     *
     * @param archiveCredentials for {@code db.archive}, or null: sent here, over the run's TLS event bus, because a
     *                           node container's environment (where the contract is) can be read with docker inspect
     */
    public record SetupDb(ArchiveConfig.Credentials archiveCredentials) implements Command {
        public SetupDb() {
            this(null);
        }
    }

    public record TeardownDb() implements Command {
    }

    /** Opens one client per worker thread running on this node, as the agent's contract describes them. */
    public record OpenClients(List<Integer> threads) implements Command {
    }

    public record CloseClients() implements Command {
    }

    /** Applies a fault for the contract's lease, renewed by heartbeats. */
    public record ApplyFault(Fault fault) implements Command {
    }

    public record HealFault(String kind) implements Command {
    }

    /** Heal every active fault on the node. */
    public record HealAll() implements Command {
    }

    /** Which node leads now, as this node's db sees it: answered in {@link Reply#primary}. */
    public record FindPrimary() implements Command {
    }

    /** A clock-offset probe: the agent answers with its monotonic time in {@link Reply#agentNanos}. */
    public record Ping() implements Command {
    }

    public record CollectLogs() implements Command {
    }

    public record Shutdown() implements Command {
    }

    /**
     * The answer to a command. {@code error} is null on success; {@code logs} maps a log file's name to its
     * text for {@link CollectLogs}; {@code primary} is {@link FindPrimary}'s answer, null when no node leads.
     */
    public record Reply(String error, long agentNanos, Map<String, String> logs, String primary) {
        public static Reply ok(long agentNanos) {
            return new Reply(null, agentNanos, null, null);
        }

        public static Reply failed(String error, long agentNanos) {
            return new Reply(error, agentNanos, null, null);
        }

        public static Reply primary(String primary, long agentNanos) {
            return new Reply(null, agentNanos, null, primary);
        }

        public boolean succeeded() {
            return error == null;
        }
    }
}
