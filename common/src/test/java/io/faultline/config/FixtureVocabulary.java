package io.faultline.config;

import io.faultline.fault.FaultFamilies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary config tests in this module validate against. The real one is the control's registries
 * (ControlVocabulary), which common cannot see; the control's own config tests use that one.
 */
public final class FixtureVocabulary implements Vocabulary {

    @Override
    public List<String> workloads() {
        return List.of("register", "cas-register", "kv", "set", "counter", "queue", "unique-ids", "noop");
    }

    @Override
    public Map<String, List<String>> checkers() {
        Map<String, List<String>> checkers = new LinkedHashMap<>();
        checkers.put("linearizable", List.of("model", "time-limit"));
        for (String name : List.of("set", "counter", "total-queue", "unique-ids", "stats")) checkers.put(name, List.of());
        checkers.put("list-append", List.of("consistency-models"));
        return checkers;
    }

    @Override
    public List<String> models() {
        return List.of("register", "cas-register", "kv", "mutex", "fifo-queue", "unordered-queue", "set");
    }

    @Override
    public List<String> consistencyModels() {
        return List.of("strict-serializable", "serializable", "snapshot-isolation", "read-committed");
    }

    @Override
    public Map<String, List<String>> providers() {
        Map<String, List<String>> providers = new LinkedHashMap<>();
        providers.put("local", List.of("sim"));
        providers.put("docker", List.of("etcd", "patroni"));
        providers.put("external", List.of("etcd"));
        return providers;
    }

    @Override
    public List<String> bugs() {
        return List.of("stale-reads", "ack-before-replicate", "split-brain", "read-committed");
    }

    @Override
    public Map<String, List<String>> workloadBugs() {
        return Map.of("read-committed", List.of("list-append"));
    }

    @Override
    public List<? extends FaultKeys> faults() {
        return FaultFamilies.ALL;
    }
}
