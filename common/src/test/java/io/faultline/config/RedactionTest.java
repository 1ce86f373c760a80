package io.faultline.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RedactionTest {
    /** What the environment holds in every case below: it must never appear in a message. */
    private static final String SECRET = "Hunter2!";

    @ParameterizedTest(name = "{0} names a secret")
    @ValueSource(strings = {"password", "PASSWORD", "db-password", "ZOO_PASSWORD", "passwd", "DB_PASS", "pwd", "passphrase",
            "secret", "SECRET_KEY", "client_secret", "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", "secretAccessKey",
            "AWS_ACCESS_KEY_ID", "token", "api-token", "GITHUB_TOKEN", "session.token", "api-key", "API_KEY", "apiKey", "apikey",
            "x-api-key", "private-key", "ssh_key", "credentials", "GOOGLE_APPLICATION_CREDENTIALS", "credential", "creds",
            "auth", "Authorization", "basic-auth", "cookie"})
    void secretLookingKeysAreSecretWhereverTheWordStands(String key) {
        assertThat(Redaction.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest(name = "{0} is no secret")
    @ValueSource(strings = {"name", "keys", "key", "username", "user", "url", "sha256", "image", "env", "bypass", "compass",
            "tokenizer-mode", "monkey", "keyspace", "passive", "author", "timeout", "ZOO_MODE", "data-type"})
    void otherKeysAreShown(String key) {
        assertThat(Redaction.isSecretKey(key)).isFalse();
    }

    /** A value from {@code ${env:SECRET}} in the field, wrong for it: the message names the field, never the value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name: '${env:SECRET}'                                               | name",
            "nodes: '${env:SECRET}'                                              | nodes",
            "nodes: [n1, '${env:SECRET}']                                        | nodes[1]",
            "concurrency: '${env:SECRET}'                                        | concurrency",
            "time-limit: '${env:SECRET}'                                         | time-limit",
            "seed: '${env:SECRET}'                                               | seed",
            "cluster: {provider: '${env:SECRET}'}                                | cluster.provider",
            "cluster: {leave-running: '${env:SECRET}'}                           | cluster.leave-running",
            "workload: {name: '${env:SECRET}'}                                   | workload.name",
            "workload: {name: register, rate: '${env:SECRET}'}                   | workload.rate",
            "workload: {name: register, keys: '${env:SECRET}'}                   | workload.keys",
            "nemesis: {faults: ['${env:SECRET}']}                                | nemesis.faults[0]",
            "nemesis: {faults: [partition], grudges: ['${env:SECRET}']}          | nemesis.grudges[0]",
            "nemesis: {packet-loss: '${env:SECRET}'}                             | nemesis.packet-loss",
            "db: {name: '${env:SECRET}', bugs: [stale-reads]}                    | db.bugs",
            "db: {name: etcd, archive: {url: '${env:SECRET}'}}                   | db.archive.url",
            "db: {name: etcd, archive: {url: 'https://x/a.tgz', sha256: '${env:SECRET}'}} | db.archive.sha256",
            "db: {name: etcd, version: '${env:SECRET}', archive: {url: 'ftp://x/${version}'}} | db.archive.url",
            "db: {name: etcd, version: '${env:SECRET}', ready: {http: 'ftp://${version}'}} | db.ready.http",
            "db: {name: etcd, ready: {tcp: '${env:SECRET}'}}                     | db.ready.tcp",
            "final: {recovery: '${env:SECRET}'}                                  | final.recovery",
            "checker: {linearizable: {model: '${env:SECRET}'}}                   | checker.linearizable.model",
    })
    void aValueFromTheEnvironmentIsNeverQuotedInAnError(String yaml, String field) {
        String config = yaml.strip() + "\n" + (yaml.startsWith("workload") ? "" : "workload: {name: register}\n")
                + (yaml.startsWith("name") ? "" : "name: t\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(config, "test.yaml", List.of(), Map.of("SECRET", SECRET)));

        assertThat(e).as(config).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContainIgnoringCase("hunter");
    }
}
