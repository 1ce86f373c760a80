package io.faultline.agent.node;

import io.faultline.agent.join.JoinClient;
import io.faultline.cluster.ClusteredVertx;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * An agent on a machine of its own (by hand, a Swarm service, a Kubernetes pod): it joins a run at the control's
 * join endpoint with a token, then runs exactly as in a node container — etcd on this machine, faults on the data
 * interface, leases. With {@code --persistent} it stays up after the run and joins the next one with the token the
 * control handed it for that, getting a new certificate each time.
 */
@Command(name = "faultline-agent", mixinStandardHelpOptions = true,
        description = "Join a Faultline run as one of its nodes (provider external).")
final class JoinedAgent implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(JoinedAgent.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final long START_TIMEOUT_SECONDS = 120;

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "The control's join endpoint (cluster.join.advertise).")
    String control;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The join token (faultline join-token); default: $FAULTLINE_JOIN_TOKEN.")
    String token = System.getenv("FAULTLINE_JOIN_TOKEN");

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "Which node of cluster.nodes this agent is.")
    String node;

    @Option(names = "--advertise", required = true, paramLabel = "HOST[:PORT]",
            description = "Where the other members reach this agent: Hazelcast on PORT (default 5701), the event bus on PORT+1."
                    + " HOST is an address, a name, a subnet such as 10.10.0.0/24 or an interface name (this machine's address there).")
    String advertise;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ClusteredVertx.Bind.ANY,
            description = "The address to listen on (default ${DEFAULT-VALUE}: all).")
    String bind;

    @Option(names = "--data", paramLabel = "ADDRESS|CIDR|INTERFACE",
            description = "This node's data-network address (etcd's traffic; faults apply on its interface): an address, a subnet"
                    + " such as 10.20.0.0/24 or an interface name. Default: the advertised host's address.")
    String data;

    @Option(names = "--persistent", description = "Stay up after a run and join the next one.")
    boolean persistent;

    @Option(names = "--tls-dir", paramLabel = "DIR", defaultValue = "/var/lib/faultline/tls",
            description = "Where this run's certificate and key go (default ${DEFAULT-VALUE}).")
    Path tlsDir;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long one join waits for the run to fill up (default ${DEFAULT-VALUE}).")
    long waitSeconds;

    static int run(String[] args) {
        CommandLine cli = new CommandLine(new JoinedAgent());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("faultline agent: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        int colon = advertise.lastIndexOf(':');
        String given = colon < 0 ? advertise : advertise.substring(0, colon);
        int port;
        try {
            port = colon < 0 ? 5701 : Integer.parseInt(advertise.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--advertise " + advertise + ": the port is not a number; write HOST[:PORT]");
        }
        String host = given.contains("/") || NetworkInterface.getByName(given) != null ? address("--advertise", given) : given;
        String dataAddress = data == null ? InetAddress.getByName(host).getHostAddress() : address("--data", data);
        String current = token;
        while (true) {
            JoinClient.Joined joined;
            try {
                LOG.info("agent {} joining the run at {} (advertises {}:{}, data {})", node, control, host, port, dataAddress);
                joined = JoinClient.join(control, current, node, host + ":" + port, dataAddress, persistent, tlsDir.resolve(node),
                        Duration.ofSeconds(waitSeconds));
            } catch (JoinClient.Refused e) {
                spec.commandLine().getErr().println("faultline agent " + node + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                if (!persistent || !e.retry()) return 1;
                Thread.sleep(RETRY.toMillis());
                continue;
            }
            current = joined.nextToken();
            LOG.info("agent {} admitted to run {}: certificate in {}; joining its cluster", node, joined.contract().runId(),
                    joined.tls().dir());
            Vertx vertx = AgentMain.start(joined.contract(), new ClusteredVertx.Bind(bind, port, port + 1), persistent).toCompletionStage()
                    .toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Thread hook = AgentMain.closeOnShutdown(vertx, node);
            AgentMain.undeployed(vertx).toCompletionStage().toCompletableFuture().get();
            LOG.info("agent {}: run {} is over", node, joined.contract().runId());
            if (!persistent) return 0;
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            if (current == null) {
                spec.commandLine().getErr().println("faultline agent " + node + ": the control handed no token for the next run");
                return 1;
            }
        }
    }

    /** An address as given, the address this machine holds in a subnet, or an interface's address. */
    static String address(String flag, String data) throws SocketException, UnknownHostException {
        if (data.contains("/")) {
            String[] cidr = data.split("/");
            int prefix = Integer.parseInt(cidr[1]);
            byte[] net = InetAddress.getByName(cidr[0]).getAddress();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && net.length == 4 && sameSubnet(a.getAddress(), net, prefix)) return a.getHostAddress();
                }
            }
            throw new IllegalArgumentException(flag + " " + data + ": no interface of this machine has an address in that subnet");
        }
        NetworkInterface nic = NetworkInterface.getByName(data);
        if (nic != null) {
            return Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(flag + " " + data + ": the interface has no IPv4 address"))
                    .getHostAddress();
        }
        return InetAddress.getByName(data).getHostAddress();
    }

    private static boolean sameSubnet(byte[] a, byte[] net, int prefix) {
        int x = ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        int y = ((net[0] & 0xff) << 24) | ((net[1] & 0xff) << 16) | ((net[2] & 0xff) << 8) | (net[3] & 0xff);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (x & mask) == (y & mask);
    }
}
