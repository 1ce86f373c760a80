package io.faultline.agent.node;

import io.faultline.config.DbConfig;
import io.faultline.config.ReadyConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbJsonTest {

    @Test
    void readsEveryFieldOfTheDbSection() {
        DbConfig db = DbJson.parse("""
                {"name": "etcd", "version": "3.4.23",
                 "archive": {"url": "https://repo.example.com/etcd.tar.gz", "username": "u", "password": "p", "sha256": null},
                 "start": "bin/etcd --name ${node}",
                 "ready": {"tcp": 2379, "http": "/health", "timeout": "45s"},
                 "logs": ["/var/log/faultline/etcd.log"], "bugs": []}
                """);
        assertThat(db.name()).isEqualTo("etcd");
        assertThat(db.version()).isEqualTo("3.4.23");
        assertThat(db.archive().url()).isEqualTo("https://repo.example.com/etcd.tar.gz");
        assertThat(db.archive().password()).isEqualTo("p");
        assertThat(db.archive().sha256()).isNull();
        assertThat(db.start()).isEqualTo("bin/etcd --name ${node}");
        assertThat(db.ready()).isEqualTo(new ReadyConfig(2379, "/health", Duration.ofSeconds(45)));
        assertThat(db.logs()).containsExactly("/var/log/faultline/etcd.log");
    }

    @Test
    void missingFieldsMeanTheBuiltInEtcdWithDefaults() {
        for (String json : new String[]{"{}", "", null}) {
            DbConfig db = DbJson.parse(json);
            assertThat(db.name()).isEqualTo("etcd");
            assertThat(db.version()).isNull();
            assertThat(db.archive()).isNull();
            assertThat(db.start()).isNull();
            assertThat(db.ready()).isNull();
            assertThat(db.logs()).isEmpty();
            assertThat(db.bugs()).isEmpty();
        }
    }

    @Test
    void readyWithoutTimeoutGetsTheDefaultAndNumericTimeoutsAreSeconds() {
        assertThat(DbJson.parse("{\"ready\": {\"tcp\": 2379}}").ready().timeout()).isEqualTo(ReadyConfig.DEFAULT_TIMEOUT);
        assertThat(DbJson.parse("{\"ready\": {\"timeout\": 12.5}}").ready().timeout()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(DbJson.parse("{\"ready\": {\"timeout\": \"500ms\"}}").ready().timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void textThatIsNotAJsonObjectIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DbJson.parse("{name: etcd")).hasMessageStartingWith("FAULTLINE_DB is not JSON");
        assertThatThrownBy(() -> DbJson.parse("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> DbJson.parse("{\"ready\": {\"timeout\": \"soon\"}}")).hasMessageContaining("'soon' is not a duration");
    }
}
