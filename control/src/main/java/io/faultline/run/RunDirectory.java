package io.faultline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where one run keeps everything (DESIGN.md "Run directory"):
 * {@code store/<test-name>/<yyyyMMdd'T'HHmmss.SSS>/}, with the links {@code store/latest} and
 * {@code store/<test-name>/latest} pointing at the newest run.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    public static RunDirectory create(Path store, String testName, Instant started) throws IOException {
        Path testDir = store.resolve(testName);
        Path dir = testDir.resolve(STAMP.format(started));
        Files.createDirectories(dir);
        link(testDir.resolve("latest"), dir.getFileName());
        link(store.resolve("latest"), store.relativize(dir));
        return new RunDirectory(dir);
    }

    /** An existing run directory, for {@code check <run-dir>}. */
    public static RunDirectory existing(Path dir) {
        return new RunDirectory(dir);
    }

    public static boolean looksLikeRun(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("history.jsonl"));
    }

    /** The run's id: test name and timestamp, e.g. {@code etcd-register-20261126T101500.123}. */
    public String id() {
        return dir.getParent().getFileName() + "-" + dir.getFileName();
    }

    public Path path() {
        return dir;
    }

    public Path history() {
        return dir.resolve("history.jsonl");
    }

    public Path results() {
        return dir.resolve("results.json");
    }

    public Path testConfig() {
        return dir.resolve("test.yaml");
    }

    /** The JUnit report CI publishes ({@code io.faultline.report.JUnitXml}). */
    public Path junitXml() {
        return dir.resolve("junit.xml");
    }

    public Path controlLog() {
        return dir.resolve("control.log");
    }

    public Path nodeDir(String node) throws IOException {
        return Files.createDirectories(dir.resolve("nodes").resolve(node));
    }

    /** Where a service's files (its log) go: {@code services/<name>}, made by whoever writes there. */
    public Path serviceDir(String service) {
        return dir.resolve("services").resolve(service);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without symbolic links still gets the run; only the shortcut is missing.
        }
    }
}
