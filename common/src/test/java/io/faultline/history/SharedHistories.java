package io.faultline.history;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the reference histories in shared/, beside the repository. */
final class SharedHistories {
    private SharedHistories() {
    }

    /** shared/histories/porcupine: from system property faultline.shared (set by surefire), else ../shared or ../../shared. */
    static Path porcupine() {
        String configured = System.getProperty("faultline.shared");
        for (String candidate : new String[] {configured, "../shared", "../../shared"}) {
            if (candidate == null) continue;
            Path dir = Path.of(candidate, "histories", "porcupine");
            if (Files.isDirectory(dir)) return dir.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("cannot find shared/histories/porcupine: set -Dfaultline.shared=<path of shared/>"
                + " (tried " + configured + ", ../shared and ../../shared from " + Path.of("").toAbsolutePath() + ")");
    }
}
