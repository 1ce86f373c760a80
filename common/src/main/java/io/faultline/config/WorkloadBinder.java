package io.faultline.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code workload} section. Keys other than the known ones are client options, passed on as written: this
 * is the one section where an unknown key is not an error, because clients are plugins with options of their own.
 */
final class WorkloadBinder {
    private static final List<String> FIELDS = List.of("name", "client", "keys", "ops-per-key", "rate", "timeout");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m)");

    private WorkloadBinder() {
    }

    static WorkloadConfig bind(Node workload, String provider, Vocabulary vocabulary) throws ConfigException {
        Map<String, Node> fields = workload.require("a test needs a workload, e.g. workload: {name: register}")
                .fields("workload: {name: register}");
        String name = workload.get("name")
                .require("a workload needs a name; allowed: " + String.join(", ", vocabulary.workloads()))
                .choiceOr(null, vocabulary.workloads(), "workload");
        Node client = workload.get("client");
        Map<String, Object> options = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (!FIELDS.contains(key)) options.put(key, value.plain());
        });
        return new WorkloadConfig(name,
                client.isPresent() ? client.nonBlankText("name a client, e.g. etcd") : defaultClient(name, provider),
                workload.get("keys").intOr(1, 1, Integer.MAX_VALUE),
                opsPerKey(name, workload.get("ops-per-key")),
                rate(workload.get("rate")),
                workload.get("timeout").positiveDurationOr(WorkloadConfig.DEFAULT_TIMEOUT),
                options);
    }

    /** Only the single-register workloads rotate keys; elsewhere the key is refused rather than ignored. */
    private static Integer opsPerKey(String workload, Node node) throws ConfigException {
        if (!WorkloadConfig.ROTATING_KEYS.contains(workload)) {
            if (node.isPresent()) {
                throw node.error("the " + workload + " workload does not rotate keys; only "
                        + String.join(" and ", WorkloadConfig.ROTATING_KEYS) + " do: remove ops-per-key");
            }
            return null;
        }
        return node.intOr(WorkloadConfig.DEFAULT_OPS_PER_KEY, 1, Integer.MAX_VALUE);
    }

    private static String defaultClient(String workload, String provider) {
        if (workload.equals("noop")) return "noop";
        return provider.equals("local") ? "sim" : "etcd";
    }

    /** Operations per second; null for no limit. */
    private static Double rate(Node node) throws ConfigException {
        if (!node.isPresent()) return null;
        double perSecond;
        if (node.isNumeric()) {
            perSecond = node.number();
        } else {
            Matcher m = node.isText() ? RATE.matcher(node.text().strip()) : null;
            if (m == null || !m.matches()) throw node.invalid("is not a rate; write <number>/s, e.g. 200/s, or <number>/m");
            perSecond = Double.parseDouble(m.group(1)) / (m.group(2).equals("m") ? 60 : 1);
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw node.invalid("is not a positive rate; write e.g. 200/s, or leave rate out for no limit");
        }
        return perSecond;
    }
}
