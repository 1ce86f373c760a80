package io.faultline.checker.linearizable;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.model.Model;
import io.faultline.checker.model.Models;
import io.faultline.history.FailedCas;
import io.faultline.history.History;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The acceptance corpus: every history in shared/histories/porcupine/expected.tsv gets its known verdict. */
class PorcupineVerdictsTest {

    static Stream<Arguments> expectedVerdicts() throws IOException {
        Path corpus = porcupine();
        return Files.readAllLines(corpus.resolve("expected.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(cols -> Arguments.of(cols[0], corpus.resolve(cols[0]), cols[1].equals("linearizable") ? Verdict.VALID : Verdict.INVALID));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("expectedVerdicts")
    void checkerAgreesWithTheKnownVerdict(String name, Path file, Verdict expected) throws Exception {
        // Porcupine's etcd logs fail a cas only when its compare failed, with no error: its documented convention.
        Model model = name.startsWith("kv/") ? Models.byName("kv") : Models.byName("cas-register", FailedCas.COMPARE_FAILED, Models.JEPSEN_INITIAL);
        CheckResult result = new LinearizabilityChecker(model, Duration.ofSeconds(60)).check(History.read(file, null));
        assertThat(result.valid()).as("%s: %s", name, result.details()).isEqualTo(expected);
        if (expected == Verdict.INVALID) assertThat(result.details()).containsKey("counterexample");
    }

    static Path porcupine() {
        String configured = System.getProperty("faultline.shared");
        for (String candidate : new String[] {configured, "../shared", "../../shared"}) {
            if (candidate == null) continue;
            Path dir = Path.of(candidate, "histories", "porcupine");
            if (Files.isDirectory(dir)) return dir.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("cannot find shared/histories/porcupine: set -Dfaultline.shared=<path of shared/>");
    }
}
