package io.faultline.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.json.Json;
import io.faultline.run.RunDirectory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runs in a store, as {@code run} and {@code serve} lay them out ({@code <test>/<stamp>/}), found by
 * the id {@link RunDirectory#id()} gives them: {@code <test>-<stamp>}. Only names a run can have resolve,
 * so an id can never point outside the store.
 */
final class RunStore {
    private static final Pattern TEST = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}");
    private static final int STAMP_LENGTH = "20261126T101500.123".length();

    /** A stored run: its id, test name, start stamp and directory. */
    record Entry(String id, String test, String stamp, Path dir) {
    }

    private final Path store;

    RunStore(Path store) {
        this.store = store;
    }

    Path path() {
        return store;
    }

    Optional<Entry> find(String id) {
        if (id == null || id.length() < STAMP_LENGTH + 2 || id.charAt(id.length() - STAMP_LENGTH - 1) != '-') {
            return Optional.empty();
        }
        String test = id.substring(0, id.length() - STAMP_LENGTH - 1);
        String stamp = id.substring(id.length() - STAMP_LENGTH);
        if (!TEST.matcher(test).matches() || !STAMP.matcher(stamp).matches()) return Optional.empty();
        Path dir = store.resolve(test).resolve(stamp);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        return Optional.of(new Entry(id, test, stamp, dir));
    }

    /** Every run, newest first (by start stamp, across tests). */
    List<Entry> all() throws IOException {
        List<Entry> runs = new ArrayList<>();
        if (!Files.isDirectory(store)) return runs;
        try (DirectoryStream<Path> tests = Files.newDirectoryStream(store)) {
            for (Path testDir : tests) {
                String test = testDir.getFileName().toString();
                if (!TEST.matcher(test).matches() || !Files.isDirectory(testDir, LinkOption.NOFOLLOW_LINKS)) continue;
                try (DirectoryStream<Path> stamps = Files.newDirectoryStream(testDir)) {
                    for (Path dir : stamps) {
                        String stamp = dir.getFileName().toString();
                        if (!STAMP.matcher(stamp).matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) continue;
                        runs.add(new Entry(test + "-" + stamp, test, stamp, dir));
                    }
                }
            }
        }
        runs.sort(Comparator.comparing(Entry::stamp).thenComparing(Entry::test).reversed());
        return runs;
    }

    /** The run's {@code results.json}, or null while it has none (running, or crashed before the check). */
    static JsonNode results(Entry run) {
        Path file = run.dir().resolve("results.json");
        if (!Files.isRegularFile(file)) return null;
        try {
            // A results file still being written reads as nothing yet.
            JsonNode results = Json.MAPPER.readTree(file.toFile());
            return results != null && results.isObject() && results.has("valid") ? results : null;
        } catch (IOException e) {
            return null;
        }
    }
}
