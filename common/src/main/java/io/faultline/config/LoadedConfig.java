package io.faultline.config;

import java.util.List;

/**
 * A config ready to run, with the text to store beside the run: the YAML after overrides and substitution, in
 * which secrets are replaced by {@code "<redacted>"}, so a run directory can be shared.
 *
 * @param notes lines the run logs at its start: where each plugin came from (see {@link PluginChoice})
 */
public record LoadedConfig(TestConfig config, String effectiveYaml, List<String> notes) {

    public LoadedConfig {
        notes = List.copyOf(notes);
    }

    public LoadedConfig(TestConfig config, String effectiveYaml) {
        this(config, effectiveYaml, List.of());
    }
}
