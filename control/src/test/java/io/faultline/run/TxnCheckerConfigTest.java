package io.faultline.run;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Checker;
import io.faultline.config.ConfigException;
import io.faultline.config.ConfigLoader;
import io.faultline.config.TestConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run config selects the transactional checkers and their consistency models; bad models are refused by field. */
class TxnCheckerConfigTest {
    private static final String BASE = "name: t\nnodes: 3\ntime-limit: 5s\ncluster: {provider: local}\ndb: {name: sim}\n"
            + "workload: {name: noop}\n";

    static TestConfig load(String checker) throws ConfigException {
        return ConfigLoader.parse(BASE + checker, "test.yaml", List.of(), Map.of()).config();
    }

    @Test
    void listAppendSectionSetsTheConsistencyModels() throws Exception {
        TestConfig config = load("checker: {list-append: {consistency-models: [serializable]}}\n");
        Checker checker = RunCheckers.forConfig(config);
        CheckResult empty = checker.check(io.faultline.history.History.of(io.faultline.history.Op.invoke(0, "txn", List.of()),
                io.faultline.history.Op.ok(0, "txn", List.of())));
        @SuppressWarnings("unchecked")
        Map<String, Object> listAppend = ((CheckResult) empty.details().get("list-append")).details();
        assertThat(listAppend.get("consistency-models")).isEqualTo(List.of("serializable"));
        assertThat(RunCheckers.txnChecker(load("checker: {rw-register: {}}\n"), "rw-register").check(io.faultline.history.History.of(
                io.faultline.history.Op.invoke(0, "txn", List.of()), io.faultline.history.Op.ok(0, "txn", List.of())))
                .details().get("consistency-models")).isEqualTo(List.of("strict-serializable"));
    }

    @Test
    void unknownConsistencyModelIsRefusedNamingTheField() {
        assertThatThrownBy(() -> load("checker: {list-append: {consistency-models: [serialisable]}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("checker.list-append.consistency-models")
                .hasMessageContaining("unknown consistency model 'serialisable'")
                .hasMessageContaining("serializable");
    }
}
