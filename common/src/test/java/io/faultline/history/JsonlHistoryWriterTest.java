package io.faultline.history;

import io.faultline.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlHistoryWriterTest {

    @Test
    void writesEveryValueAsTheMapperWould() throws Exception {
        Map<String, Object> grudge = new LinkedHashMap<>();
        grudge.put("n1", List.of("n2", "n3"));
        grudge.put("n2", List.of("n1"));
        List<Object> values = Arrays.asList(null, 7L, -3, "x\"y\n\u00e9", true, false, List.of(1L, 2L),
                Arrays.asList(List.of(1L, List.of()), null, "a", 2.5), grudge, 2.5, new ArrayList<>());
        for (Object value : values) {
            Op op = new Op(3, 12, OpType.OK, 1, "read", value, value, "n1", null, null);
            StringWriter out = new StringWriter();
            try (JsonlHistoryWriter writer = new JsonlHistoryWriter(out)) {
                writer.append(op);
            }
            String mapped = Json.MAPPER.writeValueAsString(value);
            assertThat(out.toString()).as("value %s", value)
                    .isEqualTo("{\"index\":3,\"time\":12,\"type\":\"ok\",\"process\":1,\"f\":\"read\""
                            + (value == null ? "" : ",\"key\":" + mapped) + ",\"value\":" + mapped + ",\"node\":\"n1\"}\n");
        }
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonlHistoryWriter writer = new JsonlHistoryWriter(out)) {
            writer.append(new Op(0, 5, OpType.INVOKE, 2, "cas", List.of(1L, 2L), 4L, "n2", null, null));
            writer.append(new Op(1, 9, OpType.FAIL, 2, "cas", List.of(1L, 2L), 4L, "n2", "mismatch", null));
        }
        History history = History.parse(out.toString(), HistoryFormat.JSONL);
        assertThat(history.ops()).hasSize(2);
        assertThat(history.ops().get(1).value()).isEqualTo(List.of(1L, 2L));
        assertThat(history.ops().get(1).key()).isEqualTo(4L);
        assertThat(history.ops().get(1).error()).isEqualTo("mismatch");
    }
}
