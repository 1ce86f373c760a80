package io.faultline.control;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;

import java.util.Map;

/** One line saying why a check did not come out valid, for logs, the console and results.json. */
public final class RunSummary {
    private RunSummary() {
    }

    public static String why(CheckResult result) {
        String found = find(result, "");
        return found != null ? found : "a checker found the history " + result.valid().word();
    }

    private static String find(CheckResult result, String name) {
        Map<String, Object> details = result.details();
        if (details.get("counterexample") instanceof Map<?, ?> ce && ce.get("summary") != null) {
            return name + "not linearizable: " + ce.get("summary");
        }
        for (Map.Entry<String, Object> e : details.entrySet()) {
            if (e.getValue() instanceof CheckResult nested && nested.valid() != Verdict.VALID) {
                String inner = find(nested, e.getKey() + ": ");
                if (inner != null) return inner;
            }
        }
        if (result.valid() == Verdict.VALID) return null;
        if (details.get("error") != null) return name + details.get("error");
        StringBuilder anomalies = new StringBuilder();
        for (String key : new String[] {"lost", "unexpected", "duplicated", "errors"}) {
            Object v = details.get(key);
            if (v instanceof java.util.Collection<?> c && !c.isEmpty()) anomalies.append(key).append(' ').append(abbreviate(v)).append("; ");
            if (v instanceof Map<?, ?> m && !m.isEmpty()) anomalies.append(key).append(' ').append(abbreviate(v)).append("; ");
        }
        return anomalies.length() == 0 ? null : name + anomalies.substring(0, anomalies.length() - 2);
    }

    private static String abbreviate(Object v) {
        String s = String.valueOf(v);
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
