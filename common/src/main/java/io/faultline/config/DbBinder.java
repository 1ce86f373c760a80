package io.faultline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code db} section: which database, where it comes from, how to start it and when it is ready. What no
 * provider honours yet is refused before a run by {@link Honoured}.
 */
final class DbBinder {
    private static final List<String> FIELDS = List.of("name", "version", "archive", "start", "ready", "logs", "bugs",
            "replication");
    private static final Pattern URL = Pattern.compile("(?i)(https?|file)://\\S+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern HTTP_CHECK = Pattern.compile("(?i)(https?://|/)\\S*");

    private DbBinder() {
    }

    static DbConfig bind(Node db, String provider, Vocabulary vocabulary) throws ConfigException {
        db.allowOnly(FIELDS, "db: {name: etcd, version: 3.5.0}");
        Node nameNode = db.get("name");
        String name = nameNode.isPresent() ? nameNode.nonBlankText("name a database, e.g. etcd")
                : vocabulary.providers().get(provider).get(0);
        String version = db.get("version").textOr(null);
        Node archive = db.get("archive");
        ArchiveConfig archiveConfig = archive.isPresent() ? archive(archive) : null;
        Node start = db.get("start");
        String startLine = start.isPresent() ? start.nonBlankText("write the command line, e.g. \"bin/sut --name ${node}\"") : null;
        Node ready = db.get("ready");
        ReadyConfig readyConfig = ready.isPresent() ? ready(ready) : null;
        List<String> logs = db.get("logs").textsOr(List.of(), "[/var/log/sut.log]");
        Node bugsNode = db.get("bugs");
        List<String> bugs = bugsNode.choicesOr(List.of(), vocabulary.bugs(), "bug");
        if (!bugs.isEmpty() && !name.equals(DbConfig.SIM)) {
            throw bugsNode.error("only the simulated store (db.name: sim) has built-in bugs; db.name is " + nameNode.show());
        }
        Node replication = db.get("replication");
        return new DbConfig(name, version, archiveConfig, startLine, readyConfig, logs, bugs,
                replication.isPresent() ? replication(replication) : null);
    }

    private static DbConfig.Replication replication(Node node) throws ConfigException {
        node.allowOnly(List.of("synchronous-mode", "strict"), "replication: {synchronous-mode: true, strict: true}");
        boolean synchronous = node.get("synchronous-mode").boolOr(false);
        Node strict = node.get("strict");
        if (strict.isPresent() && strict.boolOr(false) && !synchronous) {
            throw strict.error("strict applies to synchronous replication only; add synchronous-mode: true or remove strict");
        }
        return new DbConfig.Replication(synchronous, strict.boolOr(false));
    }

    private static ArchiveConfig archive(Node node) throws ConfigException {
        node.allowOnly(List.of("url", "username", "password", "sha256", "force"), "archive: {url: \"https://…/sut.tar.gz\"}");
        Node urlNode = node.get("url");
        String url = urlNode.require("an archive needs a URL, e.g. url: https://example.com/sut-${version}.tar.gz").text();
        if (!URL.matcher(url).matches()) throw urlNode.invalid("is not an http, https or file URL");
        Node shaNode = node.get("sha256");
        String sha256 = shaNode.textOr(null);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw shaNode.invalid("is not a SHA-256 checksum; write its 64 hex digits");
        }
        List<String> variables = new ArrayList<>(node.get("username").envVariables());
        node.get("password").envVariables().stream().filter(v -> !variables.contains(v)).forEach(variables::add);
        return new ArchiveConfig(url, node.get("username").textOr(null), node.get("password").textOr(null), sha256,
                node.get("force").boolOr(false), variables);
    }

    private static ReadyConfig ready(Node node) throws ConfigException {
        node.allowOnly(List.of("tcp", "http", "timeout"), "ready: {tcp: 2379, timeout: 30s}");
        Node tcp = node.get("tcp");
        Node http = node.get("http");
        String url = http.textOr(null);
        if (url != null && !HTTP_CHECK.matcher(url).matches()) {
            throw http.invalid("is neither an http(s) URL nor a path; write e.g. http://localhost:2379/health or /health");
        }
        return new ReadyConfig(tcp.isPresent() ? tcp.intOr(0, 1, 65535) : null, url,
                node.get("timeout").positiveDurationOr(ReadyConfig.DEFAULT_TIMEOUT));
    }
}
