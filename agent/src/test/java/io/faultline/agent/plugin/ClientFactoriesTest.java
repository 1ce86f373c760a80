package io.faultline.agent.plugin;

import io.faultline.spi.ClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plugins are jars built here with the system compiler: a client factory, and a helper class it needs. */
class ClientFactoriesTest {
    private static final String FACTORY = """
            package demo;
            public final class EchoFactory implements io.faultline.spi.ClientFactory {
                private final Object helper = new dep.Helper();
                public String name() { return "echo"; }
                public io.faultline.spi.Client open(io.faultline.spi.ClientContext context) {
                    return invocation -> io.vertx.core.Future.succeededFuture(io.faultline.spi.Completion.ok(helper.toString()));
                }
            }
            """;
    private static final String HELPER = """
            package dep;
            public final class Helper {
                public String toString() { return "helped"; }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPluginsClientIsFoundBesideTheBuiltInOnes() throws IOException {
        Path classes = compile();
        Path jar = jar(dir.resolve("echo-with-deps.jar"), classes, true, "demo/EchoFactory.class", "dep/Helper.class");

        Map<String, ClientFactory> factories = ClientFactories.load(List.of(jar.toString()));

        assertThat(factories).containsKeys("echo", "etcd", "sim", "noop");
        assertThat(factories.get("echo").getClass().getClassLoader()).isNotSameAs(ClientFactories.class.getClassLoader());
        assertThat(ClientFactories.load(List.of())).doesNotContainKey("echo");
    }

    @Test
    void aFolderOfJarsIsOnePlugin() throws IOException {
        Path classes = compile();
        Path plugin = Files.createDirectories(dir.resolve("echo"));
        jar(plugin.resolve("echo.jar"), classes, true, "demo/EchoFactory.class");
        jar(plugin.resolve("helper.jar"), classes, false, "dep/Helper.class");

        assertThat(ClientFactories.load(List.of(plugin.toString()))).containsKey("echo");
    }

    @Test
    void aPluginMissingADependencyNamesItsJarAndTheMissingClass() throws IOException {
        Path classes = compile();
        Path plugin = Files.createDirectories(dir.resolve("echo"));
        Path jar = jar(plugin.resolve("echo.jar"), classes, true, "demo/EchoFactory.class");
        jar(plugin.resolve("other.jar"), classes, false);

        assertThatThrownBy(() -> ClientFactories.load(List.of(plugin.toString())))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin jar " + jar + ": client factory demo.EchoFactory does not load: class dep.Helper is missing"
                        + " (neither the plugin's jars nor the agent have it; add the jar that holds it to the plugin)");
    }

    @Test
    void aJarWithoutClientsOrAMissingPathIsRefused() throws IOException {
        Path classes = compile();
        Path jar = jar(dir.resolve("helper.jar"), classes, false, "dep/Helper.class");

        assertThatThrownBy(() -> ClientFactories.load(List.of(jar.toString())))
                .hasMessage("plugin " + jar + " has no client: none of its jars lists a factory in " + ClientFactories.SERVICE_FILE);
        assertThatThrownBy(() -> ClientFactories.load(List.of(dir.resolve("absent.jar").toString())))
                .hasMessageContaining(dir.resolve("absent.jar") + " does not exist");
    }

    private Path compile() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(src.resolve("demo"));
        Files.createDirectories(src.resolve("dep"));
        Files.writeString(src.resolve("demo/EchoFactory.java"), FACTORY);
        Files.writeString(src.resolve("dep/Helper.java"), HELPER);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("demo/EchoFactory.java").toString(), src.resolve("dep/Helper.java").toString());
        assertThat(status).as("javac of the test plugin").isZero();
        return out;
    }

    private static Path jar(Path jar, Path classes, boolean listsFactory, String... entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
            if (listsFactory) {
                out.putNextEntry(new JarEntry(ClientFactories.SERVICE_FILE));
                out.write("demo.EchoFactory\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
