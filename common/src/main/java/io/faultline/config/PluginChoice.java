package io.faultline.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.plugin.PluginFolder;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which plugins a config file's run loads. A {@code plugins} key, when the config (or an override) writes it at all,
 * lists exactly what is loaded, so a jar left in {@code plugins/} cannot change a run that says what it wants; without
 * the key, every plugin of {@code plugins/} beside the file is loaded ({@link PluginFolder} says which entries count).
 * Either way the run's log says, one line per plugin, where each came from, and names those of {@code plugins/}
 * that a listing leaves out.
 *
 * @param discovered the plugins taken from {@code plugins/}, already written into the config's tree
 * @param notes      the lines the run logs at its start
 */
record PluginChoice(List<Path> discovered, List<String> notes) {

    static PluginChoice make(ObjectNode tree, TestConfig config, Path baseDir) throws ConfigException {
        List<Path> found;
        try {
            found = PluginFolder.discover(baseDir).stream().map(p -> p.toAbsolutePath().normalize()).toList();
        } catch (UncheckedIOException e) {
            throw new ConfigException("plugins", e.getMessage());
        }
        Path folder = baseDir.resolve(PluginFolder.NAME).toAbsolutePath().normalize();
        List<String> notes = new ArrayList<>();
        if (tree.has("plugins")) {
            List<Path> listed = config.plugins().stream().map(p -> p.toAbsolutePath().normalize()).toList();
            for (Path plugin : listed) notes.add("plugin " + shown(plugin, baseDir) + ": listed in the config");
            for (Path plugin : found) {
                if (!listed.contains(plugin)) {
                    notes.add("plugin " + shown(plugin, baseDir) + " is not loaded: the config's plugins key lists what is"
                            + " loaded; add it there to load it");
                }
            }
            return new PluginChoice(List.of(), notes);
        }
        if (found.isEmpty()) return new PluginChoice(List.of(), notes);
        if (config.cluster().provider().equals(ClusterConfig.EXTERNAL)) {
            notes.add(shown(folder, baseDir) + "/ is not read: with provider external the agents load clients from their own"
                    + " class path");
            return new PluginChoice(List.of(), notes);
        }
        ArrayNode plugins = tree.putArray("plugins");
        for (Path plugin : found) {
            plugins.add(PluginFolder.NAME + "/" + plugin.getFileName());
            notes.add("plugin " + shown(plugin, baseDir) + ": found in " + folder + " (the config has no plugins key, so"
                    + " every jar and folder of jars there is loaded; write plugins: [...] to choose)");
        }
        return new PluginChoice(found, notes);
    }

    /** Relative to the config's folder when inside it, as the config would write it. */
    private static String shown(Path plugin, Path baseDir) {
        Path base = baseDir.toAbsolutePath().normalize();
        return plugin.startsWith(base) ? base.relativize(plugin).toString() : plugin.toString();
    }
}
