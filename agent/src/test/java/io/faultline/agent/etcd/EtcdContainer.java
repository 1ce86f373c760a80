package io.faultline.agent.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A single-member etcd in a {@code faultline/node} container, driven with the docker CLI. */
final class EtcdContainer implements AutoCloseable {

    static final String IMAGE = "faultline/node";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final String id;
    private final String endpoint;

    private EtcdContainer(String id, String endpoint) {
        this.id = id;
        this.endpoint = endpoint;
    }

    /** Why these tests cannot run here, if they cannot: no docker daemon, or no node image. */
    static Optional<String> unavailable() {
        try {
            docker("version", "--format", "{{.Server.Version}}");
        } catch (IOException e) {
            return Optional.of("docker is not available (" + e.getMessage() + ")");
        }
        try {
            docker("image", "inspect", "--format", "{{.Id}}", IMAGE);
        } catch (IOException e) {
            return Optional.of("image " + IMAGE + " is missing: build it with docker build -t " + IMAGE + " docker/node");
        }
        return Optional.empty();
    }

    static EtcdContainer start() throws IOException, InterruptedException {
        String id = docker("run", "-d", "--rm", "-p", "127.0.0.1::2379", IMAGE, "etcd",
                "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379").strip();
        EtcdContainer container = null;
        try {
            // "127.0.0.1:49153", possibly followed by further bindings
            String binding = docker("port", id, "2379").lines().findFirst().orElseThrow().strip();
            container = new EtcdContainer(id, "http://" + binding);
            container.awaitHealthy();
            return container;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (container != null) container.close();
            else docker("rm", "-f", id);
            throw e;
        }
    }

    String endpoint() {
        return endpoint;
    }

    void pause() throws IOException {
        docker("pause", id);
    }

    void unpause() throws IOException {
        docker("unpause", id);
    }

    @Override
    public void close() throws IOException {
        docker("rm", "-f", id);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(endpoint + "/health")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"true\"")) return;
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException("etcd in container " + id + " not healthy after " + STARTUP + ": " + last);
    }

    /** Output goes to a file, not a pipe: a hung docker then cannot block the read past the timeout. */
    private static String docker(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        Path output = Files.createTempFile("faultline-docker", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 60 s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
