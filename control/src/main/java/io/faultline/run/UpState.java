package io.faultline.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The cluster {@code faultline up} left running, as {@code wait-ready} and {@code down} find it: {@code <store>/up.json},
 * naming the run and its directory, whose {@code test.yaml} says which nodes and services it has. One per store.
 */
public record UpState(String runId, Path runDir) {
    public static final String FILE = "up.json";

    public static Path file(Path store) {
        return store.resolve(FILE);
    }

    public void write(Path store) throws IOException {
        Files.createDirectories(store);
        Files.writeString(file(store), Json.MAPPER.writeValueAsString(new Stored(runId, runDir.toAbsolutePath().toString())),
                StandardCharsets.UTF_8);
    }

    /** @throws IllegalStateException saying to run {@code up} when no cluster is up in this store */
    public static UpState read(Path store) throws IOException {
        Path file = file(store);
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no cluster is up: " + file + " does not exist; start one with: faultline up CONFIG"
                    + (store.toString().equals("store") ? "" : " --store " + store));
        }
        try {
            Stored stored = Json.MAPPER.readValue(json, Stored.class);
            return new UpState(stored.runId(), Path.of(stored.runDir()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not what faultline up writes (" + e.getOriginalMessage() + "); remove it");
        }
    }

    public static void remove(Path store) throws IOException {
        Files.deleteIfExists(file(store));
    }

    private record Stored(String runId, String runDir) {
    }
}
