package io.faultline.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlHistoryReaderTest {

    @Test
    void readsEveryFieldOfAnOp() throws Exception {
        History h = History.parse("""
                {"index":7,"time":123,"type":"invoke","process":3,"f":"cas","key":"k1","value":[1,2],"node":"n2"}
                {"index":8,"time":-5,"type":"fail","process":3,"f":"cas","key":"k1","value":[1,2],"node":"n2","error":"compare-failed"}
                {"type":"info","process":"nemesis","f":"start","value":{"n1":["n2","n3"]},"error":{"why":"timeout"},"grudge":1}
                """, HistoryFormat.JSONL);
        assertThat(h.get(0)).isEqualTo(new Op(7, 123, OpType.INVOKE, 3, "cas", List.of(1L, 2L), "k1", "n2", null, null));
        assertThat(h.get(1)).isEqualTo(new Op(8, -5, OpType.FAIL, 3, "cas", List.of(1L, 2L), "k1", "n2", "compare-failed", null));
        Op nemesis = h.get(2);
        assertThat(nemesis.isNemesis()).isTrue();
        assertThat(nemesis.index()).as("its position, as it had none").isEqualTo(2);
        assertThat(nemesis.value()).isEqualTo(Map.of("n1", List.of("n2", "n3")));
        assertThat(nemesis.error()).isEqualTo("{why=timeout}");
        assertThat(nemesis.extra()).isEqualTo(Map.of("grudge", 1L));
    }

    @Test
    void readsValuesAsPlainJavaData() throws Exception {
        History h = History.parse("""
                {"type":"ok","process":0,"f":"read","value":[[],[1],[1,2,3],null,true,1.5,"s",123456789012345678901234567890]}
                """, HistoryFormat.JSONL);
        assertThat(h.get(0).value()).isEqualTo(Arrays.asList(List.of(), List.of(1L), List.of(1L, 2L, 3L), null, true, 1.5, "s",
                new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void sharesTheStringsThatRepeat() throws Exception {
        History h = History.parse("""
                {"type":"invoke","process":0,"f":"read","key":"k1","node":"n1"}
                {"type":"invoke","process":1,"f":"read","key":"k1","node":"n1"}
                """, HistoryFormat.JSONL);
        assertThat(h.get(0).key()).isSameAs(h.get(1).key());
        assertThat(h.get(0).node()).isSameAs(h.get(1).node());
        assertThat(h.get(0).f()).isSameAs(h.get(1).f());
    }

    @Test
    void readsAFileAsItReadsText(@TempDir Path dir) throws Exception {
        String text = "\uFEFF{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}\r\n\r\n"
                + "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":\"caf\u00e9 \u2603 \uD83D\uDE00\"}";
        Path file = dir.resolve("h.jsonl");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        History fromFile = History.read(file, HistoryFormat.JSONL);
        History fromText = History.parse(text.substring(1), HistoryFormat.JSONL);
        assertThat(fromFile.ops()).isEqualTo(fromText.ops());
        assertThat(fromFile.get(0).value()).isEqualTo("caf\u00e9 \u2603 \uD83D\uDE00");
        assertThat(List.of(fromFile.line(0), fromFile.line(1))).containsExactly(1L, 3L);
    }
}
