package io.faultline.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars of one plugin (custom client libraries): a plugin is a jar that carries its dependencies, or a folder
 * of jars (the plugin's and its dependencies'), which are loaded together. The control checks them before a run;
 * the agent loads them.
 */
public final class PluginJars {
    public static final String SUFFIX = ".jar";

    private PluginJars() {
    }

    /**
     * @return the plugin's jars, a folder's in name order
     * @throws IllegalArgumentException saying what the path is instead and what to give
     */
    public static List<Path> of(Path plugin) {
        if (Files.isRegularFile(plugin)) {
            if (!plugin.getFileName().toString().endsWith(SUFFIX)) {
                throw new IllegalArgumentException(plugin + " is not a jar; name a .jar file or a folder of jars");
            }
            return List.of(plugin);
        }
        if (!Files.isDirectory(plugin)) {
            throw new IllegalArgumentException(plugin + " does not exist; build the plugin first (e.g. mvn package in its project)");
        }
        try (Stream<Path> entries = Files.list(plugin)) {
            List<Path> jars = entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted().toList();
            if (jars.isEmpty()) throw new IllegalArgumentException("the folder " + plugin + " holds no .jar file");
            return jars;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the plugin folder " + plugin + ": " + e.getMessage(), e);
        }
    }
}
