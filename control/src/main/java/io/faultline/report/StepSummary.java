package io.faultline.report;

import io.faultline.checker.CheckResult;
import io.faultline.run.Results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The Markdown a GitHub Actions job shows on its summary page: verdict, why, each checker, the operation counts and
 * where the run directory is. Appended, as GitHub asks, to the file {@value #VARIABLE} names, when it is set.
 */
public final class StepSummary {
    public static final String VARIABLE = "GITHUB_STEP_SUMMARY";
    private static final List<String> TYPES = List.of("ok", "fail", "info");

    private StepSummary() {
    }

    /** Appends the run's summary where the environment says; does nothing outside GitHub Actions. */
    public static void appendIfAsked(Map<String, String> env, Results run, Path runDir) throws IOException {
        String file = env.get(VARIABLE);
        if (file == null || file.isBlank()) return;
        Files.writeString(Path.of(file), markdown(run, runDir), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public static String markdown(Results run, Path runDir) {
        StringBuilder md = new StringBuilder();
        md.append("### Faultline ").append(run.test()).append(": **").append(run.valid().word()).append("**\n\n");
        md.append(cell(run.why())).append("\n\n");
        if (run.checkers() != null && !run.checkers().isEmpty()) {
            md.append("| checker | verdict | why |\n|---|---|---|\n");
            for (Map.Entry<String, CheckResult> checker : run.checkers().entrySet()) {
                md.append("| ").append(checker.getKey()).append(" | ").append(checker.getValue().valid().word()).append(" | ")
                        .append(cell(Results.why(checker.getValue()))).append(" |\n");
            }
            md.append('\n');
        }
        if (run.ops() != null && !run.ops().byF().isEmpty()) {
            md.append("| operation | ok | fail | info |\n|---|---|---|---|\n");
            run.ops().byF().forEach((f, byType) -> {
                md.append("| ").append(cell(f));
                TYPES.forEach(type -> md.append(" | ").append(byType.getOrDefault(type, 0L)));
                md.append(" |\n");
            });
            md.append('\n');
        }
        if (run.seed() != null) md.append("Seed `").append(run.seed()).append("` (`--seed ").append(run.seed()).append("` replays it). ");
        md.append("Run directory: `").append(runDir).append("` (`history.jsonl`, `results.json`, `junit.xml`).\n\n");
        return md.toString();
    }

    /** One table cell: no line breaks or pipes to end it early. */
    private static String cell(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace("|", "\\|");
    }
}
