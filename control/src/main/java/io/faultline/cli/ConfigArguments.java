package io.faultline.cli;

import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.config.LoadedConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The config file and the overrides a CI job passes, shared by {@code run} and {@code up}. */
final class ConfigArguments {
    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The test configuration.")
    Path configFile;

    @Option(names = "--time-limit", paramLabel = "DURATION", description = "Override time-limit, e.g. 30s.")
    String timeLimit;

    @Option(names = "--nodes", paramLabel = "N", description = "Override nodes: a count or a comma-separated list of names.")
    String nodes;

    @Option(names = "--concurrency", paramLabel = "C", description = "Override concurrency: a number, or e.g. 2n for two per node.")
    String concurrency;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed; the same seed replays the same operations and faults.")
    String seed;

    @Option(names = "--version", paramLabel = "V", description = "Override db.version (used by ${version} in the config).")
    String version;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override any config value, e.g. --set workload.keys=4 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Where runs are kept (default: ${DEFAULT-VALUE}).")
    Path store;

    /** The config with the overrides applied, {@code extra} last. */
    LoadedConfig load(List<ConfigLoader.Override> extra) throws ConfigException {
        List<ConfigLoader.Override> overrides = new ArrayList<>();
        if (timeLimit != null) overrides.add(new ConfigLoader.Override("time-limit", timeLimit));
        if (nodes != null) overrides.add(new ConfigLoader.Override("nodes", nodes.contains(",") ? "[" + nodes + "]" : nodes));
        if (concurrency != null) overrides.add(new ConfigLoader.Override("concurrency", concurrency));
        if (seed != null) overrides.add(new ConfigLoader.Override("seed", seed));
        if (version != null) overrides.add(new ConfigLoader.Override("db.version", version));
        for (String assignment : sets) overrides.add(ConfigLoader.Override.parse(assignment));
        overrides.addAll(extra);
        return ConfigLoader.load(configFile, overrides, System.getenv());
    }
}
