package io.faultline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code services} list: containers beside the nodes. */
final class ServicesBinder {
    private static final List<String> FIELDS = List.of("name", "image", "env", "healthcheck");
    private static final String EXAMPLE = "{name: zookeeper, image: zookeeper:3.9}";

    private ServicesBinder() {
    }

    static List<ServiceConfig> bind(Node services, List<String> nodes) throws ConfigException {
        List<ServiceConfig> bound = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Node service : services.elements("[" + EXAMPLE + "]")) {
            service.allowOnly(FIELDS, EXAMPLE);
            String name = name(service.get("name"), nodes, names);
            names.add(name);
            String image = service.get("image").require("a service needs an image, e.g. image: zookeeper:3.9")
                    .nonBlankText("name an image, e.g. zookeeper:3.9");
            Node healthcheck = service.get("healthcheck");
            bound.add(new ServiceConfig(name, image, env(service.get("env")),
                    healthcheck.isPresent() ? healthcheck(healthcheck) : null));
        }
        return bound;
    }

    private static String name(Node node, List<String> nodes, List<String> earlier) throws ConfigException {
        String name = node.require("a service needs a name, e.g. name: zookeeper").text();
        if (!TestConfigBinder.HOST_NAME.matcher(name).matches()) {
            throw node.invalid("is not a valid service name; " + TestConfigBinder.HOST_NAME_RULE);
        }
        // Services and nodes share the data network, where names are host names.
        if (nodes.contains(name)) throw node.invalid("is also a node name; services and nodes need different names");
        if (earlier.contains(name)) throw node.invalid("appears twice; service names must be unique");
        return name;
    }

    private static Map<String, String> env(Node node) throws ConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Node> variable : node.fields("env: {ZOO_MY_ID: 1}").entrySet()) {
            env.put(variable.getKey(), variable.getValue().textOr(""));
        }
        return env;
    }

    private static HealthcheckConfig healthcheck(Node node) throws ConfigException {
        node.allowOnly(List.of("cmd", "interval", "retries"), "healthcheck: {cmd: \"zkServer.sh status\", retries: 30}");
        String cmd = node.get("cmd").require("a healthcheck needs a command, e.g. cmd: \"zkServer.sh status\"")
                .nonBlankText("write a command, e.g. \"zkServer.sh status\"");
        return new HealthcheckConfig(cmd,
                node.get("interval").positiveDurationOr(HealthcheckConfig.DEFAULT_INTERVAL),
                node.get("retries").intOr(HealthcheckConfig.DEFAULT_RETRIES, 1, Integer.MAX_VALUE));
    }
}
