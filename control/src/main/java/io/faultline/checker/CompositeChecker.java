package io.faultline.checker;

import io.faultline.history.History;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs several checkers on one history and merges their verdicts (invalid beats unknown beats valid). Like
 * Jepsen's {@code check-safe}, a checker that throws answers unknown with the error, and the others still run.
 */
public final class CompositeChecker implements Checker {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeChecker.class);

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
            CheckResult result = checkSafely(checker, history);
            verdict = verdict.and(result.valid());
            results.put(checker.name(), result);
        }
        return new CheckResult(verdict, results);
    }

    /** A checker's bug is no verdict on the system: it makes that checker's answer unknown, with the error. */
    private static CheckResult checkSafely(Checker checker, History history) {
        try {
            return checker.check(history);
        } catch (OutOfMemoryError e) {
            // What the search held is garbage once it has thrown, so the process can go on and say why.
            String error = "the " + checker.name() + " checker ran out of memory (heap " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): give the JVM more with -Xmx, or check fewer operations per key";
            LOG.warn("{}", error);
            return CheckResult.unknown(error);
        } catch (RuntimeException | StackOverflowError e) {
            String error = "the " + checker.name() + " checker failed: " + describe(e);
            LOG.warn("{}", error);
            LOG.debug("{} checker failure", checker.name(), e);
            return CheckResult.unknown(error);
        }
    }

    /** The chain of causes in one line, e.g. {@code search failed: ClassCastException: Long cannot be cast ...}. */
    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getCause() == null) {
                parts.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
            } else if (t.getMessage() != null && !t.getMessage().equals(t.getCause().toString())) {
                parts.add(t.getMessage());
            }
        }
        return String.join(": ", parts);
    }
}
