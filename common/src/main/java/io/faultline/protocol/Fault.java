package io.faultline.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Set;

/**
 * A fault as one agent applies it on its own node. The control plans faults cluster-wide (which nodes, which
 * grudge) and sends each agent its part; the agent records it in its lease ledger and heals it by kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Fault.Partition.class, name = "partition"),
        @JsonSubTypes.Type(value = Fault.Kill.class, name = "kill"),
        @JsonSubTypes.Type(value = Fault.Pause.class, name = "pause"),
        @JsonSubTypes.Type(value = Fault.ClockOffset.class, name = "clock"),
        @JsonSubTypes.Type(value = Fault.ClockStrobe.class, name = "clock-strobe"),
        @JsonSubTypes.Type(value = Fault.PacketLoss.class, name = "packet"),
        @JsonSubTypes.Type(value = Fault.Netem.class, name = "netem")})
public sealed interface Fault {

    /** The kind, as configs and nemesis ops name it; also what {@code heal} takes. */
    String kind();

    /** This node drops all data-network traffic from {@code dropFrom} (Jepsen's grudge, one node's share). */
    record Partition(Set<String> dropFrom) implements Fault {
        public String kind() {
            return "partition";
        }
    }

    /** SIGKILL the system under test; healing restarts it. */
    record Kill() implements Fault {
        public String kind() {
            return "kill";
        }
    }

    /** SIGSTOP the system under test; healing sends SIGCONT. */
    record Pause() implements Fault {
        public String kind() {
            return "pause";
        }
    }

    /** The system under test's clock runs {@code offsetMillis} away from real time; healing resets it to zero. */
    record ClockOffset(long offsetMillis) implements Fault {
        public String kind() {
            return "clock";
        }
    }

    /**
     * The system under test's clock jumps {@code deltaMillis} ahead and back every {@code periodMillis}, as
     * Jepsen's strobe does: time that runs backwards now and then. Healing stops it and resets the offset.
     */
    record ClockStrobe(long deltaMillis, long periodMillis) implements Fault {
        public String kind() {
            return "clock";
        }
    }

    /** Drop incoming data-network packets with this probability. */
    record PacketLoss(double probability) implements Fault {
        public String kind() {
            return "packet";
        }
    }

    /**
     * Delay, duplicate or reorder outgoing data-network packets with the kernel's netem; a node offers this
     * kind only where {@code tc … netem} works (this workplace's kernel has no sch_netem).
     */
    record Netem(long delayMillis, double duplicate, double reorder) implements Fault {
        public String kind() {
            return "netem";
        }
    }
}
