package io.faultline.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a test config: YAML, then command-line overrides, then {@code ${env:...}} and {@code ${version}}, then
 * validation into {@link TestConfig} with defaults. Binding is done by hand rather than by Jackson databind so
 * that every error names the field, the value and what is allowed.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * A command-line override: {@code --set workload.keys=4} is {@code Override("workload.keys", "4")}, and
     * {@code --time-limit 30s} is {@code Override("time-limit", "30s")}. The value is read as YAML, so
     * {@code [a, b]} is a list and {@code 4} a number. (Nested here because a top-level class named Override
     * would hide {@code java.lang.Override} in the whole package.)
     */
    public record Override(String path, String value) {

        public Override {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        /** Splits {@code path=value} at the first {@code =}. */
        public static Override parse(String assignment) throws ConfigException {
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                throw new ConfigException("--set", "'" + assignment + "' has no '='; write path=value, e.g. --set workload.keys=4");
            }
            String path = assignment.substring(0, eq).strip();
            if (path.isEmpty()) {
                throw new ConfigException("--set", "'" + assignment + "' has no path before '='; write path=value, e.g. --set workload.keys=4");
            }
            return new Override(path, assignment.substring(eq + 1));
        }
    }

    /** @param env the environment for {@code ${env:NAME}}, usually {@code System.getenv()} */
    public static LoadedConfig load(Path file, List<Override> overrides, Map<String, String> env) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw ConfigException.inDocument(file.toString(), "cannot read the file: " + reason(e));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), overrides, env, dir != null ? dir : Path.of(""), true);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof CharacterCodingException) return "it is not UTF-8 text";
        return e.getMessage();
    }

    /** @param sourceName names the text in syntax errors, e.g. the file name */
    public static LoadedConfig parse(String yaml, String sourceName, List<Override> overrides, Map<String, String> env)
            throws ConfigException {
        return parse(yaml, sourceName, overrides, env, Path.of(""));
    }

    /** @param baseDir what relative paths in the config (a service's build context) are relative to */
    public static LoadedConfig parse(String yaml, String sourceName, List<Override> overrides, Map<String, String> env,
                                     Path baseDir) throws ConfigException {
        return parse(yaml, sourceName, overrides, env, baseDir, false);
    }

    /**
     * @param discover whether a config that writes no {@code plugins} key loads those of {@code plugins/} in
     *                 {@code baseDir}; only a config file has a folder of its own (a request body does not)
     */
    private static LoadedConfig parse(String yaml, String sourceName, List<Override> overrides, Map<String, String> env,
                                      Path baseDir, boolean discover) throws ConfigException {
        ObjectNode tree = Yaml.readDocument(yaml, sourceName);
        Overrides.apply(tree, overrides);
        Map<String, Set<String>> fromEnv = Substitutions.substitute(tree, env);
        TestConfig config = TestConfigBinder.bind(tree, Vocabulary.installed(), fromEnv, baseDir);
        List<String> notes = List.of();
        if (discover) {
            PluginChoice choice = PluginChoice.make(tree, config, baseDir);
            // Written into the tree, so the run's stored config says which plugins were loaded.
            if (!choice.discovered().isEmpty()) config = TestConfigBinder.bind(tree, Vocabulary.installed(), fromEnv, baseDir);
            notes = choice.notes();
        }
        return new LoadedConfig(config, Yaml.write(Redaction.redact(tree, "", fromEnv.keySet())), notes);
    }
}
