package io.faultline.control;

import io.faultline.agent.sim.SimBug;
import io.faultline.checker.Checkers;
import io.faultline.checker.model.Models;
import io.faultline.checker.txn.ConsistencyModels;
import io.faultline.checker.txn.TxnChecker;
import io.faultline.config.Vocabulary;
import io.faultline.fault.FaultFamilies;
import io.faultline.fault.FaultFamily;
import io.faultline.run.RunCheckers;
import io.faultline.workload.Workloads;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What configs may name, read from the registries themselves; installed for config validation as a service. */
public final class ControlVocabulary implements Vocabulary {

    @Override
    public List<String> workloads() {
        return Workloads.names();
    }

    @Override
    public Map<String, List<String>> checkers() {
        Map<String, List<String>> checkers = new LinkedHashMap<>(Map.of(RunCheckers.LINEARIZABLE, RunCheckers.LINEARIZABLE_OPTIONS));
        Checkers.names().forEach(name -> checkers.put(name, List.of()));
        TxnChecker.NAMES.forEach(name -> checkers.put(name, List.of(TxnChecker.MODELS_OPTION)));
        return checkers;
    }

    @Override
    public List<String> models() {
        return Models.names();
    }

    @Override
    public List<String> consistencyModels() {
        return ConsistencyModels.names();
    }

    @Override
    public Map<String, List<String>> providers() {
        return RunLauncher.PROVIDERS;
    }

    @Override
    public List<String> bugs() {
        return Arrays.stream(SimBug.values()).map(SimBug::wireName).toList();
    }

    @Override
    public Map<String, List<String>> workloadBugs() {
        Map<String, List<String>> bugs = new LinkedHashMap<>();
        Arrays.stream(SimBug.values()).filter(SimBug::isolation).forEach(b -> bugs.put(b.wireName(), TxnChecker.NAMES));
        return bugs;
    }

    @Override
    public List<FaultFamily<?>> faults() {
        return FaultFamilies.ALL;
    }
}
