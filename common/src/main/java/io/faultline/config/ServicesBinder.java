package io.faultline.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code services} section: a list of containers beside the nodes. Returned in start order, each after the
 * services it depends on; a dependency on no service, or a cycle, is refused naming the field.
 */
final class ServicesBinder {
    private static final List<String> FIELDS = List.of("name", "image", "build", "environment", "command", "health", "depends-on");
    private static final String EXAMPLE = "services: [{name: zookeeper, image: faultline/zookeeper}]";

    private ServicesBinder() {
    }

    /** @param baseDir what relative build contexts are relative to: the config file's directory */
    static List<ServiceConfig> bind(Node services, List<String> nodes, Path baseDir) throws ConfigException {
        Map<String, ServiceConfig> byName = new LinkedHashMap<>();
        Map<String, Node> dependsOnNodes = new LinkedHashMap<>();
        for (Node service : services.elements(EXAMPLE)) {
            service.allowOnly(FIELDS, "{name: zookeeper, image: faultline/zookeeper}");
            Node nameNode = service.get("name");
            String name = nameNode.require("a service needs a name, e.g. name: zookeeper; the nodes reach it under it").text();
            if (!TestConfigBinder.HOST_NAME.matcher(name).matches()) {
                throw nameNode.invalid("is not a valid service name; " + TestConfigBinder.HOST_NAME_RULE + " (it becomes a host name)");
            }
            if (nodes.contains(name)) {
                throw nameNode.invalid("is also a node name; services are never faulted and nodes are, so one name cannot be both:"
                        + " rename the service");
            }
            if (byName.containsKey(name)) throw nameNode.invalid("appears twice; name each service once");
            Node imageNode = service.get("image");
            Node buildNode = service.get("build");
            if (!imageNode.isPresent() && !buildNode.isPresent()) {
                throw service.error("names neither image nor build; write image: faultline/zookeeper, or build: ../services/zookeeper");
            }
            String image = imageNode.isPresent() ? imageNode.nonBlankText("name an image, e.g. faultline/zookeeper")
                    : ServiceConfig.IMAGE_PREFIX + name;
            ServiceConfig.Build build = buildNode.isPresent() ? build(buildNode, baseDir) : null;
            Node depends = service.get("depends-on");
            dependsOnNodes.put(name, depends);
            byName.put(name, new ServiceConfig(name, image, build, environment(service.get("environment")),
                    command(service.get("command"), "command: [zkServer.sh, start-foreground]"),
                    health(service.get("health")), depends.textsOr(List.of(), "[zookeeper]")));
        }
        for (Map.Entry<String, ServiceConfig> entry : byName.entrySet()) {
            List<Node> elements = dependsOnNodes.get(entry.getKey()).elements("[zookeeper]");
            for (int i = 0; i < elements.size(); i++) {
                String dependency = entry.getValue().dependsOn().get(i);
                if (dependency.equals(entry.getKey())) throw elements.get(i).invalid("is this service itself; a service cannot wait for itself");
                if (!byName.containsKey(dependency)) {
                    throw elements.get(i).error("unknown service " + elements.get(i).show() + "; "
                            + (byName.size() > 1 ? Suggestions.allowed(dependency, List.copyOf(byName.keySet()).stream()
                            .filter(n -> !n.equals(entry.getKey())).toList()) : "no other service is declared"));
                }
            }
        }
        return startOrder(byName, dependsOnNodes);
    }

    /** Depth-first: each service after what it depends on; a service met again while still open closes a cycle. */
    private static List<ServiceConfig> startOrder(Map<String, ServiceConfig> byName, Map<String, Node> dependsOnNodes)
            throws ConfigException {
        List<ServiceConfig> order = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String name : byName.keySet()) visit(name, byName, dependsOnNodes, open, order);
        return order;
    }

    private static void visit(String name, Map<String, ServiceConfig> byName, Map<String, Node> dependsOnNodes, List<String> open,
                              List<ServiceConfig> order) throws ConfigException {
        if (order.stream().anyMatch(s -> s.name().equals(name))) return;
        if (open.contains(name)) {
            List<String> cycle = new ArrayList<>(open.subList(open.indexOf(name), open.size()));
            cycle.add(name);
            throw dependsOnNodes.get(open.get(open.size() - 1)).error("closes a cycle: " + String.join(" → ", cycle)
                    + "; services start in dependency order, so remove one of these depends-on entries");
        }
        open.add(name);
        for (String dependency : byName.get(name).dependsOn()) visit(dependency, byName, dependsOnNodes, open, order);
        open.remove(open.size() - 1);
        order.add(byName.get(name));
    }

    private static ServiceConfig.Build build(Node node, Path baseDir) throws ConfigException {
        if (!node.isText()) {
            node.allowOnly(List.of("context", "dockerfile"), "build: {context: ../services/kafka, dockerfile: Dockerfile}");
        }
        Node context = node.isText() ? node : node.get("context");
        String dir = context.require("name the build context, e.g. context: ../services/kafka").nonBlankText(
                "name the directory holding the Dockerfile");
        String dockerfile = node.isText() ? ServiceConfig.Build.DEFAULT_DOCKERFILE
                : node.get("dockerfile").textOr(ServiceConfig.Build.DEFAULT_DOCKERFILE);
        return new ServiceConfig.Build(baseDir.resolve(dir).normalize(), dockerfile);
    }

    private static Map<String, String> environment(Node node) throws ConfigException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, Node> variable : node.fields("environment: {ZOO_MY_ID: 1}").entrySet()) {
            environment.put(variable.getKey(), variable.getValue().text());
        }
        return environment;
    }

    /** A list is the argv as written; a line of text is run by {@code sh -c}, so pipes work. */
    private static List<String> command(Node node, String example) throws ConfigException {
        if (!node.isPresent()) return List.of();
        List<String> argv = node.isList() ? node.textsOr(List.of(), example) : List.of("sh", "-c", node.nonBlankText("write a command, e.g. " + example));
        if (argv.isEmpty()) throw node.invalid("is empty; write a command, e.g. " + example + ", or leave it out");
        return argv;
    }

    private static ServiceConfig.Health health(Node node) throws ConfigException {
        if (!node.isPresent()) return null;
        node.allowOnly(List.of("command", "interval", "retries", "timeout"),
                "health: {command: \"echo ruok | nc -w 2 127.0.0.1 2181 | grep -q imok\", interval: 1s, retries: 60, timeout: 10s}");
        Node command = node.get("command");
        command.require("a health check needs a command that exits 0 when the service works, e.g. command: \"nc -z 127.0.0.1 2181\"");
        return new ServiceConfig.Health(command(command, "\"nc -z 127.0.0.1 2181\""),
                node.get("interval").positiveDurationOr(ServiceConfig.Health.DEFAULT_INTERVAL),
                node.get("retries").intOr(ServiceConfig.Health.DEFAULT_RETRIES, 1, 100_000),
                node.get("timeout").positiveDurationOr(ServiceConfig.Health.DEFAULT_TIMEOUT));
    }
}
