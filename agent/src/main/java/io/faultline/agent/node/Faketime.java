package io.faultline.agent.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The clock the system under test sees (DESIGN.md decision 3): its processes run under libfaketime, which
 * re-reads an offset file on every clock call; the clock fault rewrites that file. The agent's and the
 * host's clocks never change, and neither does any process started without {@link #environment()}.
 */
public final class Faketime {
    public static final Path DEFAULT_OFFSET_FILE = Path.of("/var/lib/faultline/faketime");
    public static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    private final Path offsetFile;

    public Faketime(Path offsetFile) {
        this.offsetFile = offsetFile;
    }

    public Path offsetFile() {
        return offsetFile;
    }

    /** What a process needs in its environment to see the offset, including changes made while it runs. */
    public Map<String, String> environment() {
        return Map.of(
                "LD_PRELOAD", LIBRARY.toString(),
                "FAKETIME_TIMESTAMP_FILE", offsetFile.toString(),
                // Without NO_CACHE libfaketime reads the file once per few seconds and a jump would lag behind.
                "FAKETIME_NO_CACHE", "1",
                // Children of the process keep the offset instead of starting from zero.
                "FAKETIME_DONT_RESET", "1");
    }

    /** Sets the offset; blocking. */
    public void set(long offsetMillis) {
        try {
            Files.createDirectories(offsetFile.toAbsolutePath().getParent());
            // libfaketime re-reads the file on every clock call: replace it whole, never let it see half a line.
            Path next = offsetFile.resolveSibling(offsetFile.getFileName() + ".next");
            Files.writeString(next, format(offsetMillis) + "\n", StandardCharsets.US_ASCII);
            Files.move(next, offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the clock offset file " + offsetFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * An offset as libfaketime reads it from its timestamp file: a signed number of seconds, e.g. {@code +0},
     * {@code +123.456}, {@code -2}, {@code -0.5} (each checked with {@code date} in the node image).
     */
    public static String format(long offsetMillis) {
        String seconds = BigDecimal.valueOf(offsetMillis, 3).stripTrailingZeros().toPlainString();
        return offsetMillis < 0 ? seconds : "+" + seconds;
    }
}
