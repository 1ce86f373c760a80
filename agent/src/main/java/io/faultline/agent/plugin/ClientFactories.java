package io.faultline.agent.plugin;

import io.faultline.plugin.PluginJars;
import io.faultline.spi.ClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The clients an agent can open: the built-in ones on its own class path, and those of each plugin, found with
 * {@link ServiceLoader} in a class loader of the plugin's own (its jars, parent the agent's, so the SPI and the
 * libraries the agent has are shared). A plugin that does not load fails the agent's start with one line naming
 * its jar and the class that is missing.
 */
public final class ClientFactories {
    static final String SERVICE_FILE = "META-INF/services/" + ClientFactory.class.getName();

    private ClientFactories() {
    }

    /** @param plugins jars or folders of jars, as paths on this machine */
    public static Map<String, ClientFactory> load(List<String> plugins) {
        ClassLoader agent = ClientFactories.class.getClassLoader();
        Map<String, ClientFactory> factories = new TreeMap<>();
        for (ClientFactory factory : ServiceLoader.load(ClientFactory.class, agent)) factories.put(factory.name(), factory);
        for (String plugin : plugins) {
            List<Path> jars = jars(plugin);
            URLClassLoader loader = new URLClassLoader("plugin " + plugin, urls(jars), agent);
            int found = 0;
            Iterator<ClientFactory> it = ServiceLoader.load(ClientFactory.class, loader).iterator();
            while (true) {
                ClientFactory factory;
                try {
                    if (!it.hasNext()) break;
                    factory = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    throw new PluginException(failure(plugin, jars, e));
                }
                // The parent's built-ins come back too; a plugin's own are those its loader defined.
                if (factory.getClass().getClassLoader() != loader) continue;
                ClientFactory clash = factories.putIfAbsent(factory.name(), factory);
                if (clash != null) {
                    throw new PluginException("plugin " + plugin + ": its client '" + factory.name() + "' (" + factory.getClass().getName()
                            + ") has the name of " + clash.getClass().getName() + "; give it another name");
                }
                found++;
            }
            if (found == 0) {
                throw new PluginException("plugin " + plugin + " has no client: none of its jars lists a factory in " + SERVICE_FILE);
            }
        }
        return factories;
    }

    private static List<Path> jars(String plugin) {
        try {
            return PluginJars.of(Path.of(plugin));
        } catch (IllegalArgumentException e) {
            throw new PluginException("plugin " + e.getMessage());
        }
    }

    private static URL[] urls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new PluginException("plugin jar " + jar + " has no URL: " + e.getMessage());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Names the jar that lists the failing factory and the class that could not be found. */
    static String failure(String plugin, List<Path> jars, Throwable error) {
        String message = String.valueOf(error.getMessage());
        Path jar = jars.size() == 1 ? jars.get(0) : null;
        String provider = null;
        for (Path candidate : jars) {
            for (String listed : listedFactories(candidate)) {
                if (message.contains(listed) && (provider == null || listed.length() > provider.length())) {
                    provider = listed;
                    jar = candidate;
                }
            }
        }
        String missing = missingClass(error);
        if (missing == null && message.contains("not found")) missing = provider;
        return "plugin " + (jar != null ? "jar " + jar : plugin) + ": "
                + (provider != null ? "client factory " + provider + " does not load" : "its clients do not load")
                + (missing != null ? ": class " + missing + " is missing (neither the plugin's jars nor the agent have it;"
                + " add the jar that holds it to the plugin)" : ": " + rootMessage(error));
    }

    private static String missingClass(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) && t.getMessage() != null) {
                return t.getMessage().replace('/', '.');
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) root = root.getCause();
        return root.getClass().getSimpleName() + (root.getMessage() != null ? " " + root.getMessage() : "");
    }

    private static List<String> listedFactories(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(SERVICE_FILE);
            if (entry == null) return List.of();
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin jar " + jar + ": " + e.getMessage(), e);
        }
    }
}
