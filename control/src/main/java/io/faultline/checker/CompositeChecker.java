package io.faultline.checker;

import io.faultline.history.History;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs several checkers on one history and merges their verdicts (invalid beats unknown beats valid). */
public final class CompositeChecker implements Checker {
    private final List<Checker> checkers;

    public CompositeChecker(List<Checker> checkers) {
        this.checkers = List.copyOf(checkers);
    }

    @Override
    public String name() {
        return "compose";
    }

    @Override
    public CheckResult check(History history) {
        Verdict verdict = Verdict.VALID;
        Map<String, Object> results = new LinkedHashMap<>();
        for (Checker checker : checkers) {
            CheckResult result = checker.check(history);
            verdict = verdict.and(result.valid());
            results.put(checker.name(), result);
        }
        return new CheckResult(verdict, results);
    }
}
