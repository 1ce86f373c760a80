package io.faultline.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The top level of a config: the test's own fields, and the sections handed to their binders. */
final class TestConfigBinder {
    private static final List<String> FIELDS = List.of("name", "nodes", "concurrency", "time-limit", "seed",
            "cluster", "services", "plugins", "db", "workload", "nemesis", "final", "checker", "server");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    private static final Pattern TEST_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Node names become host names on the data network, hence DNS label rules. */
    static final Pattern HOST_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final String HOST_NAME_RULE = "use lowercase letters, digits and '-', starting with a letter or digit";
    private static final int DEFAULT_NODES = 5;
    private static final int MAX_NODES = 64;
    private static final String NODES_RULE = "use 1.." + MAX_NODES + " or a list of node names";
    private static final Pattern PER_NODE = Pattern.compile("(\\d{1,6})n");
    private static final String CONCURRENCY_RULE =
            "write a number of client processes, e.g. 10, or <k>n for k per node, e.g. 2n";
    private static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    private TestConfigBinder() {
    }

    /**
     * @param fromEnv paths of the values that came from the environment, which messages never quote, and their variables
     * @param baseDir the config file's directory, which relative paths in it are relative to
     */
    static TestConfig bind(ObjectNode tree, Vocabulary vocabulary, Map<String, Set<String>> fromEnv, Path baseDir) throws ConfigException {
        Node root = Node.root(tree, fromEnv);
        root.allowOnly(FIELDS, "name: my-test");
        String name = name(root.get("name"));
        ClusterConfig cluster = cluster(root.get("cluster"), vocabulary);
        List<String> nodes = nodes(root.get("nodes"), root.get("cluster"), cluster.provider());
        int concurrency = concurrency(root.get("concurrency"), nodes.size());
        Duration timeLimit = root.get("time-limit").positiveDurationOr(DEFAULT_TIME_LIMIT);
        Node seedNode = root.get("seed");
        Long seed = seedNode.isPresent() ? seedNode.wholeNumber() : null;
        List<ServiceConfig> services = ServicesBinder.bind(root.get("services"), nodes, baseDir);
        List<Path> plugins = plugins(root.get("plugins"), baseDir);
        DbConfig db = DbBinder.bind(root.get("db"), cluster.provider(), vocabulary);
        WorkloadConfig workload = WorkloadBinder.bind(root.get("workload"), cluster.provider(), vocabulary);
        NemesisConfig nemesis = NemesisBinder.bind(root.get("nemesis"), nodes.size(), vocabulary);
        FinalConfig finalPhase = finalPhase(root.get("final"));
        return new TestConfig(name, nodes, concurrency, timeLimit, seed, cluster, services, plugins, db, workload, nemesis,
                finalPhase, CheckerBinder.bind(root.get("checker"), vocabulary), server(root.get("server")));
    }

    private static ServerConfig server(Node node) throws ConfigException {
        if (!node.isPresent()) return ServerConfig.NONE;
        node.allowOnly(List.of("token", "allow-origins"), "server: {token: ${env:FAULTLINE_TOKEN}}");
        Node token = node.get("token");
        List<String> origins = new ArrayList<>();
        for (Node origin : node.get("allow-origins").elements("[https://ci.example.com]")) {
            String text = origin.text().strip();
            if (!ORIGIN.matcher(text).matches()) {
                throw origin.invalid("is not a page origin; write scheme, host and optional port, e.g. https://ci.example.com:8443");
            }
            origins.add(text);
        }
        return new ServerConfig(token.isPresent() ? token.nonBlankText("give the token, e.g. token: ${env:MY_TOKEN}") : null, origins);
    }

    private static String name(Node node) throws ConfigException {
        String name = node.require("a test needs a name, e.g. name: etcd-register").text();
        if (!TEST_NAME.matcher(name).matches()) {
            throw node.invalid("is not a valid test name; use lowercase letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit (it becomes a directory name)");
        }
        return name;
    }

    /** With provider external the nodes are the agents named in {@code cluster.nodes}; the top level may only agree. */
    private static List<String> nodes(Node node, Node cluster, String provider) throws ConfigException {
        Node named = cluster.get("nodes");
        if (!provider.equals(ClusterConfig.EXTERNAL)) {
            if (named.isPresent()) {
                throw named.error("only provider external reads it; provider " + provider + " names its nodes in the top-level nodes");
            }
            return nodes(node);
        }
        List<String> agents = nodeNames(named.require("name the agents that join, e.g. cluster: {provider: external, nodes: [n1, n2, n3],"
                + " join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}}"));
        if (node.isPresent() && !(node.isWholeNumber() ? node.wholeNumber() == agents.size() : nodeNames(node).equals(agents))) {
            throw node.invalid("differs from cluster.nodes " + agents + "; with provider external the nodes are the agents named"
                    + " in cluster.nodes: remove nodes or make it agree");
        }
        return agents;
    }

    private static List<String> nodes(Node node) throws ConfigException {
        if (!node.isPresent()) return numbered(DEFAULT_NODES);
        if (node.isList()) return nodeNames(node);
        if (!node.isWholeNumber()) throw node.invalid("is neither a node count nor a list; " + NODES_RULE);
        long count = node.wholeNumber();
        if (count < 1 || count > MAX_NODES) throw node.invalid("is out of range; " + NODES_RULE);
        return numbered((int) count);
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) names.add("n" + i);
        return names;
    }

    private static List<String> nodeNames(Node node) throws ConfigException {
        List<Node> elements = node.elements("[n1, n2, n3]");
        if (elements.isEmpty()) throw node.invalid("is empty; " + NODES_RULE);
        if (elements.size() > MAX_NODES) throw node.error("lists " + elements.size() + " nodes; " + NODES_RULE);
        List<String> names = new ArrayList<>();
        for (Node element : elements) {
            String name = element.text();
            if (!HOST_NAME.matcher(name).matches()) throw element.invalid("is not a valid node name; " + HOST_NAME_RULE);
            if (names.contains(name)) throw element.invalid("appears twice; node names must be unique");
            names.add(name);
        }
        return names;
    }

    private static int concurrency(Node node, int nodeCount) throws ConfigException {
        if (!node.isPresent()) return nodeCount;
        if (node.isWholeNumber()) return node.intOr(nodeCount, 1, Integer.MAX_VALUE);
        Matcher perNode = node.isText() ? PER_NODE.matcher(node.text().strip()) : null;
        if (perNode == null || !perNode.matches()) throw node.invalid("is not a concurrency; " + CONCURRENCY_RULE);
        int k = Integer.parseInt(perNode.group(1));
        if (k < 1) throw node.invalid("is too small; use at least 1n");
        return k * nodeCount;
    }

    private static ClusterConfig cluster(Node node, Vocabulary vocabulary) throws ConfigException {
        node.allowOnly(List.of("provider", "image", "leave-running", "nodes", "join"), "cluster: {provider: docker}");
        String provider = node.get("provider").choiceOr("local", Vocabulary.names(vocabulary.providers()), "provider");
        Node image = node.get("image");
        Node join = node.get("join");
        if (provider.equals(ClusterConfig.EXTERNAL)) {
            join.require("say where agents join, e.g. join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701}");
        }
        return new ClusterConfig(provider,
                image.isPresent() ? image.nonBlankText("name an image, e.g. " + ClusterConfig.DEFAULT_IMAGE) : ClusterConfig.DEFAULT_IMAGE,
                node.get("leave-running").boolOr(false), join.isPresent() ? join(join) : null);
    }

    private static ClusterConfig.Join join(Node node) throws ConfigException {
        node.allowOnly(List.of("bind", "advertise", "timeout"), "join: {bind: 0.0.0.0:5701, advertise: 10.0.0.1:5701, timeout: 2m}");
        return new ClusterConfig.Join(
                address(node.get("bind").require("the address the control listens on, e.g. bind: 0.0.0.0:5701")),
                address(node.get("advertise").require("the address agents reach the control at, e.g. advertise: 10.0.0.1:5701")),
                node.get("timeout").positiveDurationOr(ClusterConfig.Join.DEFAULT_TIMEOUT));
    }

    /** {@code host:port}; the port and the two after it are the control's (join endpoint, Hazelcast, event bus). */
    private static ClusterConfig.Address address(Node node) throws ConfigException {
        try {
            return ClusterConfig.Address.parse(node.text(), 65533);
        } catch (IllegalArgumentException e) {
            throw node.invalid(e.getMessage() + (e.getMessage().contains("out of range") ? " (the port and the next two are the control's)" : ""));
        }
    }

    /** Paths only: whether they hold jars is checked before a run, so a stored run's config still loads for check. */
    private static List<Path> plugins(Node node, Path baseDir) throws ConfigException {
        if (!node.isPresent()) return List.of();
        List<Path> plugins = new ArrayList<>();
        for (Node element : node.elements("[plugins/my-client.jar]")) {
            plugins.add(baseDir.resolve(element.nonBlankText("name a jar or a folder of jars, e.g. plugins/my-client.jar")).normalize());
        }
        return plugins;
    }

    private static FinalConfig finalPhase(Node node) throws ConfigException {
        node.allowOnly(List.of("recovery", "reads"), "final: {recovery: 5s}");
        return new FinalConfig(node.get("recovery").nonNegativeDurationOr(FinalConfig.DEFAULT_RECOVERY),
                node.get("reads").boolOr(true));
    }
}
