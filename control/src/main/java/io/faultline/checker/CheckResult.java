package io.faultline.checker;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one checker found: the verdict and checker-specific details (anomalies, counts, counterexample),
 * all plain data so results serialize to JSON as they are.
 */
@JsonPropertyOrder({"valid"})
public record CheckResult(Verdict valid, Map<String, Object> details) {

    public CheckResult {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static CheckResult of(Verdict verdict) {
        return new CheckResult(verdict, Map.of());
    }

    public static CheckResult unknown(String why) {
        return new CheckResult(Verdict.UNKNOWN, Map.of("error", why));
    }

    /** Details are written beside {@code valid}, as Jepsen writes its checker maps. */
    @JsonAnyGetter
    public Map<String, Object> details() {
        return details;
    }
}
