package io.faultline.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which of a run directory's files the server hands out: only files inside it (also after following
 * links), never the run's private keys ({@code tls/}) nor anything named like a credential, never hidden
 * files. One place, so {@code /files} and the links a report makes relative to itself obey the same rules.
 */
final class RunFiles {
    private static final Pattern CREDENTIAL = Pattern.compile(
            ".*(\\.key|\\.pem|\\.p12|\\.pfx|\\.jks|\\.keystore|\\.truststore|\\.crt|credential|secret|password|passwd|token"
                    + "|id_rsa|id_ecdsa|id_ed25519|\\.env).*");
    private static final String PRIVATE_DIR = "tls";

    /** What a request for a path comes to: a file or directory to serve, or the status and why not. */
    record Resolved(Path path, int status, String error) {
        boolean ok() {
            return path != null;
        }
    }

    private RunFiles() {
    }

    /** @param relative the path below the run directory as requested, already URL-decoded; "" for the directory */
    static Resolved resolve(Path runDir, String relative) throws IOException {
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0 || relative.startsWith("/")) {
            return refused(400, "not a path inside the run directory: '" + printable(relative) + "'");
        }
        List<String> segments = relative.isEmpty() ? List.of() : List.of(relative.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return refused(400, "paths may not contain '..', '.' or empty segments: '" + printable(relative) + "'");
            }
            if (segment.startsWith(".")) return refused(404, "no such file in this run: " + printable(relative));
        }
        if (!segments.isEmpty() && segments.get(0).equals(PRIVATE_DIR) || segments.stream().anyMatch(RunFiles::credential)) {
            return refused(403, "not served: the run's keys and credentials stay on this machine");
        }
        Path root = runDir.toRealPath();
        Path target = root.resolve(relative).normalize();
        if (!Files.exists(target)) return refused(404, "no such file in this run: " + printable(relative));
        Path real = target.toRealPath();
        if (!real.startsWith(root)) return refused(403, "not served: '" + printable(relative) + "' leads outside the run directory");
        return new Resolved(real, 200, null);
    }

    /** Whether a directory entry is one that {@link #resolve} would serve (for listings). */
    static boolean listed(Path runDir, Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || credential(name)) return false;
        return !(entry.getParent().equals(runDir) && name.equals(PRIVATE_DIR));
    }

    private static boolean credential(String name) {
        return CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    private static Resolved refused(int status, String error) {
        return new Resolved(null, status, error);
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
