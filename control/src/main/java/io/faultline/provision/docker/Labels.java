package io.faultline.provision.docker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of everything a run creates in Docker. Labels are how a later run or the CLI finds what a
 * crashed run left behind; names only help people reading {@code docker ps}.
 */
public final class Labels {
    /** The run id; on every container and network. */
    public static final String RUN = "faultline.run";
    /** {@code control} or {@code data}; on networks. */
    public static final String ROLE = "faultline.role";
    /** The node name; on node containers. */
    public static final String NODE = "faultline.node";
    /** What a volume kept across runs holds ({@code archives}); no run owns it, so no teardown removes it. */
    public static final String CACHE = "faultline.cache";
    /** The volume every node keeps downloaded {@code db.archive}s in. */
    public static final String ARCHIVE_CACHE_VOLUME = "faultline-archive-cache";
    /** The service name; on service containers. */
    public static final String SERVICE = "faultline.service";
    /**
     * {@code up} on everything of a cluster that {@code faultline up} sets up: its control exits on purpose, so other
     * runs' sweeps of abandoned runs leave it alone; {@code faultline down} removes it.
     */
    public static final String KEPT = "faultline.kept";
    /** {@code <host>/<pid>} of the control that created it: tells a crashed run from one still going. */
    public static final String OWNER = "faultline.owner";

    private static final String THIS_OWNER = hostName() + "/" + ProcessHandle.current().pid();

    private Labels() {
    }

    /**
     * Run ids are long ({@code <test-name>-<timestamp>}); names get a fixed-length digest instead, which also keeps
     * them within the characters Docker accepts.
     */
    public static String shortId(String runId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code faultline-<short run id>}: the start of every name the run gives. */
    public static String prefix(String runId) {
        return "faultline-" + shortId(runId);
    }

    static Map<String, String> forRun(String runId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN, runId);
        labels.put(OWNER, THIS_OWNER);
        return labels;
    }

    /** The {@link #OWNER} of what this process creates. */
    public static String thisOwner() {
        return THIS_OWNER;
    }

    static String thisHost() {
        return THIS_OWNER.substring(0, THIS_OWNER.lastIndexOf('/'));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
