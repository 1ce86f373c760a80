package io.faultline.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code plugins/} folder beside a config, whose plugins a config that writes no {@code plugins} key loads.
 * Only two kinds of entry count, both directly inside it: a {@code .jar} file, and a folder that holds a {@code .jar}
 * file directly (a plugin with its dependencies). Nothing deeper is looked at, so a plugin's Maven project kept
 * there (pom.xml, src/, target/classes, its jar in target/) is not a plugin; nor are hidden entries.
 */
public final class PluginFolder {
    public static final String NAME = "plugins";

    private PluginFolder() {
    }

    /** @return the plugins in {@code configDir/plugins}, in name order; none when there is no such folder */
    public static List<Path> discover(Path configDir) {
        Path folder = configDir.resolve(NAME);
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(PluginFolder::isPlugin).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPlugin(Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) return false;
        if (Files.isRegularFile(entry)) return name.endsWith(PluginJars.SUFFIX);
        if (!Files.isDirectory(entry)) return false;
        try (Stream<Path> inside = Files.list(entry)) {
            return inside.anyMatch(p -> p.getFileName().toString().endsWith(PluginJars.SUFFIX) && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + entry + ": " + e.getMessage(), e);
        }
    }
}
