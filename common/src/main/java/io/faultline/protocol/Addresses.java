package io.faultline.protocol;

/**
 * Every event-bus address of one run, in one place. Addresses carry the run id so two runs sharing a
 * cluster never hear each other.
 */
public record Addresses(String runId) {

    /** Agents announce themselves here: {@link Messages.AgentHello} → {@link Messages.Welcome}. */
    public String controlRegister() {
        return "faultline." + runId + ".control.register";
    }

    /** Agents stream history events here: {@link Messages.EventBatch}es, acknowledged on {@link #agentOps}. */
    public String controlEvents() {
        return "faultline." + runId + ".control.events";
    }

    /** The control publishes {@link Messages.Heartbeat}s here; every agent renews its fault leases on them. */
    public String heartbeat() {
        return "faultline." + runId + ".heartbeat";
    }

    /** One agent's command inbox: {@link Messages.Command}s, each answered with a {@link Messages.Reply}. */
    public String agent(String node) {
        return "faultline." + runId + ".agent." + node;
    }

    /**
     * One agent's operation inbox: {@link Messages.InvokeBatch}es, which also acknowledge its event batches; sent
     * without reply for throughput.
     */
    public String agentOps(String node) {
        return "faultline." + runId + ".agent." + node + ".ops";
    }

    /**
     * One agent's rehearsal inbox: {@link Messages.InvokeBatch}es that the agent answers itself, each op ok at once,
     * with one {@link Messages.EventBatch} to {@link #controlRehearsal}; no client, database or history is involved.
     */
    public String agentRehearsal(String node) {
        return "faultline." + runId + ".agent." + node + ".rehearsal";
    }

    /** Where agents send the events of rehearsed operations (never the history's {@link #controlEvents}). */
    public String controlRehearsal() {
        return "faultline." + runId + ".control.rehearsal";
    }
}
