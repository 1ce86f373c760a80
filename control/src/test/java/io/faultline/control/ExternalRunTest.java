package io.faultline.control;

import io.faultline.checker.Verdict;
import io.faultline.cli.Faultline;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import io.faultline.provision.docker.Labels;
import io.faultline.run.Results;
import io.faultline.run.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provider external for real: three agent containers started with the plain docker CLI (not the Docker provider),
 * each with its own etcd, on a control and a data network this test creates, join the etcd register example with
 * a token from {@code faultline join-token}; being persistent, they join a second run by themselves.
 */
class ExternalRunTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @TempDir
    Path store;

    private final String id = "external-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    @BeforeAll
    static void docker() throws Exception {
        Docker.assumeAvailable();
    }

    @AfterEach
    void removeInReverseOrder() throws Exception {
        for (int i = containers.size() - 1; i >= 0; i--) Docker.run("rm", "-f", containers.get(i));
        for (int i = networks.size() - 1; i >= 0; i--) Docker.run("network", "rm", networks.get(i));
    }

    @Test
    void agentsStartedByHandJoinTheRunAndStayForTheNext() throws Exception {
        String control = network("control");
        String data = network("data");
        String gateway = inspect(control, "{{(index .IPAM.Config 0).Gateway}}");
        int port = threeFreePorts(gateway);
        StringWriter printed = new StringWriter();
        assertThat(Faultline.commandLine().setOut(new PrintWriter(printed)).execute("join-token", "--store", store.toString(), "--ttl", "15m"))
                .isZero();
        String token = printed.toString().strip();
        for (String node : NODES) {
            agent(node, control, data, gateway + ":" + port, token);
        }

        RunOutcome first = new RunLauncher(config(gateway, port, "20s"), store).run();
        Results results = Results.read(first.dir().results());
        assertThat(first.verdict()).as("%s%n%s", Results.toJson(results), logs()).isEqualTo(Verdict.VALID);
        assertThat(results.clocks()).as("a clock estimate per node").containsOnlyKeys(NODES);
        assertThat(first.dir().path().resolve("nodes/n1/etcd.log")).isNotEmptyFile();
        assertThat(Files.readString(first.dir().controlLog())).doesNotContain(token);

        RunOutcome second = new RunLauncher(config(gateway, port, "8s"), store).run();
        System.out.println("external runs, phase ms: first " + results.phaseMs() + ", second " + Results.read(second.dir().results()).phaseMs());
        assertThat(second.verdict()).as("the agents joined the next run with the tokens the first one handed them%n%s", logs())
                .isEqualTo(Verdict.VALID);
        for (String container : containers) {
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", container).out()).as("%s stays up", container).isEqualTo("true");
        }
    }

    private LoadedConfig config(String gateway, int port, String timeLimit) throws Exception {
        String example = Files.readString(Path.of(RunLauncher.agentJar().getParent().getParent().getParent().toString(),
                "docker/examples/etcd-register.yaml"));
        String yaml = example.lines()
                .filter(line -> !line.startsWith("nodes:"))
                .map(line -> line.startsWith("cluster:") ? "cluster: {provider: external, nodes: [n1, n2, n3], join: {bind: '"
                        + gateway + ":" + port + "', advertise: '" + gateway + ":" + port + "', timeout: 3m}}" : line)
                .map(line -> line.startsWith("time-limit:") ? "time-limit: " + timeLimit : line)
                .reduce("", (a, b) -> a + b + "\n");
        return ConfigLoader.parse(yaml, "etcd-register.yaml", List.of(), Map.of());
    }

    private String network(String role) throws Exception {
        String name = "faultline-" + id + "-" + role;
        Docker.Result made = Docker.run("network", "create", "--label", Labels.RUN + "=" + id, "--label", Labels.OWNER + "="
                + Labels.thisOwner(), "--label", Labels.ROLE + "=" + role, name);
        assertThat(made.exit()).as(made.out()).isZero();
        networks.add(name);
        return name;
    }

    /** An agent container: on the control network, connected to the data network before it starts. */
    private void agent(String node, String control, String data, String join, String token) throws Exception {
        String name = "faultline-" + id + "-" + node;
        Docker.Result made = Docker.run("create", "--name", name, "--hostname", node,
                "--label", Labels.RUN + "=" + id, "--label", Labels.OWNER + "=" + Labels.thisOwner(), "--label", Labels.NODE + "=" + node,
                "--cap-add", "NET_ADMIN", "--network", control,
                "--mount", "type=bind,source=" + RunLauncher.agentJar() + ",target=/opt/faultline/agent.jar,readonly",
                "faultline/node", "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/opt/faultline/agent.jar",
                "--join", join, "--token", token, "--node", node, "--persistent",
                "--advertise", inspect(control, "{{(index .IPAM.Config 0).Subnet}}") + ":5701",
                "--data", inspect(data, "{{(index .IPAM.Config 0).Subnet}}"));
        assertThat(made.exit()).as(made.out()).isZero();
        containers.add(name);
        Docker.Result connected = Docker.run("network", "connect", data, name);
        assertThat(connected.exit()).as(connected.out()).isZero();
        Docker.Result started = Docker.run("start", name);
        assertThat(started.exit()).as(started.out()).isZero();
    }

    private static String inspect(String network, String format) throws Exception {
        Docker.Result result = Docker.run("network", "inspect", "-f", format, network);
        assertThat(result.exit()).as(result.out()).isZero();
        return result.out();
    }

    /** A port whose next two are free too, on the host's address on the control network. */
    private static int threeFreePorts(String host) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            try (ServerSocket a = new ServerSocket(base, 1, InetAddress.getByName(host));
                 ServerSocket b = new ServerSocket(base + 1, 1, InetAddress.getByName(host));
                 ServerSocket c = new ServerSocket(base + 2, 1, InetAddress.getByName(host))) {
                return base;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no three consecutive free ports on " + host);
    }

    private String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String container : containers) {
            String out = Docker.run("logs", "--tail", "30", container).out();
            all.append("--- ").append(container).append(":\n").append(out).append('\n');
        }
        return all.toString();
    }
}
