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
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (Vocabulary.FaultKeys family : vocabulary.faults()) {
            for (String key : family.keys()) {
                if (!fields.contains(key)) fields.add(key);
                readers.computeIfAbsent(key, k -> new ArrayList<>()).add(family.name());
            }
            families.add(family.name());
        }
        nemesis.allowOnly(fields, "nemesis: {faults: [partition, kill]}");
        List<String> faults = nemesis.get("faults").choicesOr(List.of(), families, "fault");
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Vocabulary.FaultKeys family : vocabulary.faults()) {
            Object bound = family.bind(nemesis, nodeCount);
            if (faults.contains(family.name())) settings.put(family.name(), bound);
        }
        // Kill and pause share targets: a key is read when any family that reads it is chosen.
        for (Map.Entry<String, List<String>> key : readers.entrySet()) {
            List<String> readBy = key.getValue();
            if (nemesis.get(key.getKey()).isPresent() && readBy.stream().noneMatch(faults::contains)) {
                String who = String.join(" or ", readBy);
                throw nemesis.get(key.getKey()).error("only the " + who + " fault reads it, and nemesis.faults does not"
                        + " list " + who + "; add it there or remove " + key.getKey());
            }
        }
        return new NemesisConfig(faults, nemesis.get("interval").positiveDurationOr(NemesisConfig.DEFAULT_INTERVAL), settings);
    }
}
