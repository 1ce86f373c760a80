package io.faultline.config;

/**
 * A config ready to run, with the text to store beside the run: the YAML after overrides and substitution, in
 * which secrets are replaced by {@code "<redacted>"}, so a run directory can be shared.
 */
public record LoadedConfig(TestConfig config, String effectiveYaml) {
}
