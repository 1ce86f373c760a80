package io.faultline.config;

import io.faultline.config.ConfigLoader.Override;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigOverridesTest {

    private static final String BASE = """
            name: base
            nodes: 5
            time-limit: 60s
            db: {version: 3.4.0, archive: {url: "https://repo/${version}/sut.tar.gz"}, logs: [/var/log/a.log]}
            workload: {name: register, keys: 2}
            """;

    @Test
    void commandLineOverridesWinOverTheFile() throws Exception {
        TestConfig c = load(new Override("time-limit", "30s"), new Override("nodes", "3"), new Override("concurrency", "2n"),
                new Override("seed", "7"), new Override("db.version", "3.5.0"));

        assertThat(c.timeLimit()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.nodes()).containsExactly("n1", "n2", "n3");
        assertThat(c.concurrency()).isEqualTo(6);
        assertThat(c.seed()).isEqualTo(7L);
        assertThat(c.db().version()).isEqualTo("3.5.0");
        assertThat(c.db().archive().url()).isEqualTo("https://repo/3.5.0/sut.tar.gz");
    }

    @Test
    void setValuesAreReadAsYamlSoNumbersAndListsKeepTheirType() throws Exception {
        TestConfig c = load(Override.parse("workload.keys=4"), Override.parse("db.bugs=[stale-reads, split-brain]"),
                Override.parse("db.name=sim"), Override.parse("workload.rate=200/s"));

        assertThat(c.workload().keys()).isEqualTo(4);
        assertThat(c.workload().rate()).isEqualTo(200.0);
        assertThat(c.db().bugs()).containsExactly("stale-reads", "split-brain");
    }

    @Test
    void setCreatesMissingSectionsOnItsPath() throws Exception {
        TestConfig c = load(Override.parse("nemesis.faults=[kill]"), Override.parse("checker.linearizable.model=register"),
                Override.parse("workload.client-opts.consistency=serializable"));

        assertThat(c.nemesis().faults()).containsExactly("kill");
        assertThat(c.checkers()).containsEntry("linearizable", Map.of("model", "register"));
        assertThat(c.workload().options()).containsEntry("client-opts", Map.of("consistency", "serializable"));
    }

    @Test
    void setReachesIntoListsByIndex() throws Exception {
        assertThat(load(Override.parse("db.logs[0]=/var/log/b.log")).db().logs()).containsExactly("/var/log/b.log");
    }

    @Test
    void laterOverridesWinOverEarlierOnes() throws Exception {
        assertThat(load(Override.parse("workload.keys=4"), Override.parse("workload.keys=9")).workload().keys()).isEqualTo(9);
    }

    @Test
    void overriddenValuesAreValidatedLikeTheFile() {
        assertThatThrownBy(() -> load(new Override("nodes", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("nodes: 0 is out of range; use 1..64 or a list of node names");
    }

    @Test
    void anAssignmentWithoutEqualsSignIsRejected() {
        assertThatThrownBy(() -> Override.parse("workload.keys"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'workload.keys' has no '='")
                .hasMessageContaining("path=value");
        assertThatThrownBy(() -> Override.parse("=4")).hasMessageContaining("no path before '='");
    }

    @Test
    void anEqualsSignInTheValueIsKept() throws Exception {
        assertThat(Override.parse("db.start=sut --opt=1")).isEqualTo(new Override("db.start", "sut --opt=1"));
    }

    @Test
    void overridesCannotDigThroughValuesOrPastTheEndOfLists() {
        assertThatThrownBy(() -> load(Override.parse("time-limit.x=1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("time-limit.x: cannot override: time-limit is a single value, not a map");
        assertThatThrownBy(() -> load(Override.parse("db.logs[2]=x")))
                .hasMessage("db.logs[2]: cannot override: db.logs has 1 entry, so db.logs[2] does not exist");
        assertThatThrownBy(() -> load(Override.parse("workload..keys=1")))
                .hasMessageStartingWith("workload..keys: is not a field path");
        assertThatThrownBy(() -> load(Override.parse("nemesis.faults[0]=kill")))
                .hasMessage("nemesis.faults[0]: cannot override: nemesis.faults is not set;"
                        + " set the whole list instead, e.g. nemesis.faults=[...]");
    }

    @Test
    void aValueThatIsNotYamlIsRejectedWithAHintToQuoteIt() {
        assertThatThrownBy(() -> load(Override.parse("db.bugs=[stale-reads")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("db.bugs: '[stale-reads' is not a YAML value: ")
                .hasMessageEndingWith("; put it in quotes to pass it as text");
    }

    private static TestConfig load(Override... overrides) throws ConfigException {
        return ConfigLoader.parse(BASE, "test.yaml", List.of(overrides), Map.of()).config();
    }
}
