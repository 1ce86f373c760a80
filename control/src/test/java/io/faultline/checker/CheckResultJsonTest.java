package io.faultline.checker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.json.Json;
import io.faultline.history.History;
import io.faultline.history.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckResultJsonTest {
    private final ObjectMapper json = Json.MAPPER;

    @Test
    void invalidSetResultIsWrittenAsJepsenWritesIt() throws Exception {
        CheckResult result = new SetChecker().check(History.of(
                Op.invoke(0, "add", 1L), Op.ok(0, "add", 1L),
                Op.invoke(0, "add", "x"), Op.info(0, "add", "x"),
                Op.invoke(1, "read", null), Op.ok(1, "read", List.of("x", 9L))));

        assertThat(json.writeValueAsString(result)).isEqualTo("{\"valid\":false,"
                + "\"attempt-count\":2,\"acknowledged-count\":1,\"ok-count\":0,"
                + "\"lost-count\":1,\"recovered-count\":1,\"unexpected-count\":1,"
                + "\"lost\":[1],\"recovered\":[\"x\"],\"unexpected\":[9]}");
    }

    @Test
    void unknownResultIsWrittenWithItsError() throws Exception {
        CheckResult result = new SetChecker().check(History.of());

        assertThat(json.writeValueAsString(result))
                .isEqualTo("{\"valid\":\"unknown\",\"error\":\"no successful final read\"}");
    }

    @Test
    void nestedCountsAndMapsKeyedByValueAreWrittenAsPlainJson() throws Exception {
        History history = History.of(
                Op.invoke(0, "enqueue", 1L), Op.ok(0, "enqueue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L),
                Op.invoke(1, "dequeue", null), Op.ok(1, "dequeue", 1L));
        CheckResult result = new CompositeChecker(List.of(new TotalQueueChecker(), new StatsChecker()))
                .check(history);

        String text = json.writeValueAsString(result);

        assertThat(text)
                .startsWith("{\"valid\":false,\"total-queue\":{\"valid\":false,")
                .contains("\"duplicated\":{\"1\":2}")
                .contains("\"stats\":{\"valid\":true,\"count\":3,")
                .contains("\"by-f\":{\"dequeue\":{\"count\":2,\"ok-count\":2,\"fail-count\":0,\"info-count\":0,"
                        + "\"valid\":true},");
        assertThat(json.readTree(text).get("total-queue").get("error-count")).isNull();
    }
}
