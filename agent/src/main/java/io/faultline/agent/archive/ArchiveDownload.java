package io.faultline.agent.archive;

import io.faultline.config.ArchiveConfig;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches one archive to a file, with HTTP basic auth when credentials are given, and says what went wrong in words a
 * CI log can act on. Blocking: run it on a worker thread. {@code HttpURLConnection} because its read timeout is per read,
 * which is exactly "the server stalled", however big the archive.
 */
public final class ArchiveDownload {
    private final Duration connectTimeout;
    private final Duration stallTimeout;

    /** @param stallTimeout how long the server may send nothing, before the answer or within it */
    public ArchiveDownload(Duration connectTimeout, Duration stallTimeout) {
        this.connectTimeout = connectTimeout;
        this.stallTimeout = stallTimeout;
    }

    /** Downloads {@code archive.url()} to {@code file}; returns the SHA-256 of what arrived, in hex. */
    public String fetch(ArchiveConfig archive, ArchiveConfig.Credentials credentials, Path file) {
        URI uri = URI.create(archive.url());
        String shown = shown(archive.url());
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                Files.copy(Path.of(uri), out);
            } else {
                URLConnection connection = uri.toURL().openConnection();
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) stallTimeout.toMillis());
                if (credentials != null) {
                    String pair = nullToEmpty(credentials.username()) + ":" + nullToEmpty(credentials.password());
                    connection.setRequestProperty("Authorization",
                            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
                }
                HttpURLConnection http = (HttpURLConnection) connection;
                http.setInstanceFollowRedirects(true);
                int status = http.getResponseCode();
                if (status / 100 != 2) throw refused(archive, credentials, shown, status, http.getResponseMessage());
                try (InputStream in = http.getInputStream()) {
                    in.transferTo(out);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new ArchiveException("db.archive: " + shown + " sent nothing for " + (stallTimeout.toMillis() % 1000 == 0
                    ? stallTimeout.toSeconds() + " s" : stallTimeout.toMillis() + " ms") + " (the server is slow or stalled); try again, or serve the archive from a faster mirror");
        } catch (UnknownHostException e) {
            throw new ArchiveException("db.archive: cannot download " + shown + ": unknown host " + e.getMessage()
                    + "; check db.archive.url");
        } catch (ConnectException e) {
            throw new ArchiveException("db.archive: cannot connect to " + shown + " (" + e.getMessage()
                    + "); is the server up and reachable from the nodes?");
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ArchiveException("db.archive: " + shown + " does not exist on the node; check db.archive.url");
        } catch (IOException e) {
            throw new ArchiveException("db.archive: downloading " + shown + " failed: " + e.getMessage());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static ArchiveException refused(ArchiveConfig archive, ArchiveConfig.Credentials credentials, String shown,
                                            int status, String message) {
        String answered = "db.archive: " + shown + " answered " + status + (message == null ? "" : " " + message) + ": ";
        List<String> variables = archive.credentialVariables();
        String supply = variables.isEmpty() ? "db.archive.username and db.archive.password"
                : "the environment variable" + (variables.size() == 1 ? " " : "s ") + String.join(", ", variables)
                + " (db.archive.username, db.archive.password)";
        return new ArchiveException(switch (status) {
            case 401 -> answered + (credentials == null
                    ? "it needs credentials and none were given; set db.archive.username and db.archive.password, e.g. \"${env:REPO_USER}\""
                    : "the server refused the credentials; check " + supply);
            case 403 -> answered + "the credentials from " + supply + " are not allowed to read it";
            case 404 -> answered + "there is no archive at that URL; check db.archive.url and the version (db.version, --version)";
            default -> answered + "expected 200 with the archive";
        });
    }

    /** The URL as logs and errors may show it: without user info or query, which may carry secrets. */
    public static String shown(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "the archive URL";
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
