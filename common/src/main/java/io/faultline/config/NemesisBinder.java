package io.faultline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code nemesis} section: which fault families, how often; each family reads its own keys. A key of a
 * family that is not chosen does nothing, so it is refused rather than ignored.
 */
final class NemesisBinder {

    private NemesisBinder() {
    }

    static NemesisConfig bind(Node nemesis, int nodeCount, Vocabulary vocabulary) throws ConfigException {
        List<String> fields = new ArrayList<>(List.of("faults", "interval"));
        List<String> families = new ArrayList<>();
        for (Vocabulary.FaultKeys family : vocabulary.faults()) {
            fields.addAll(family.keys());
            families.add(family.name());
        }
        nemesis.allowOnly(fields, "nemesis: {faults: [partition, kill]}");
        List<String> faults = nemesis.get("faults").choicesOr(List.of(), families, "fault");
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Vocabulary.FaultKeys family : vocabulary.faults()) {
            Object bound = family.bind(nemesis, nodeCount);
            for (String key : family.keys()) {
                if (nemesis.get(key).isPresent() && !faults.contains(family.name())) {
                    throw nemesis.get(key).error("only the " + family.name() + " fault reads it, and nemesis.faults does not"
                            + " list " + family.name() + "; add it there or remove " + key);
                }
            }
            if (faults.contains(family.name())) settings.put(family.name(), bound);
        }
        return new NemesisConfig(faults, nemesis.get("interval").positiveDurationOr(NemesisConfig.DEFAULT_INTERVAL), settings);
    }
}
