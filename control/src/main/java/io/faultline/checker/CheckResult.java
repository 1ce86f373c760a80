package io.faultline.checker;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one checker found: the verdict and checker-specific details (anomalies, counts, counterexample),
 * all plain data so results serialize to JSON as they are.
 */
@JsonPropertyOrder({"valid"})
public record CheckResult(Verdict valid, Map<String, Object> details) {

    public CheckResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static CheckResult of(Verdict verdict) {
        return new CheckResult(verdict, Map.of());
    }

    public static CheckResult unknown(String why) {
        return new CheckResult(Verdict.UNKNOWN, Map.of("error", why));
    }

    /** Reads what Jackson writes: {@code valid} and the details beside it (nested results stay plain maps). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CheckResult fromJson(Map<String, Object> json) {
        Map<String, Object> details = new LinkedHashMap<>(json);
        return new CheckResult(Verdict.fromJson(details.remove("valid")), details);
    }

    /** Details are written beside {@code valid}, as Jepsen writes its checker maps. */
    @JsonAnyGetter
    public Map<String, Object> details() {
        return details;
    }
}
