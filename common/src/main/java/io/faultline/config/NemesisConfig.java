package io.faultline.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The faults to inject and how often.
 *
 * @param faults   fault family names; empty for a run without a nemesis
 * @param interval time between nemesis actions
 * @param settings each fault family's settings from its own keys, by family name (see {@link Vocabulary.FaultKeys})
 */
public record NemesisConfig(List<String> faults, Duration interval, Map<String, Object> settings) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public NemesisConfig {
        Objects.requireNonNull(interval, "interval");
        faults = List.copyOf(faults);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
