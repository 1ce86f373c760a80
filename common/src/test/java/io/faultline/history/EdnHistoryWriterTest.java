package io.faultline.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdnHistoryWriterTest {

    private static String line(Op op) throws IOException {
        StringWriter out = new StringWriter();
        new EdnHistoryWriter(out).append(op);
        return out.toString();
    }

    @Test
    void writesJepsenOpMapsWithKeywordsForTypeProcessAndF() throws IOException {
        Op op = new Op(7, 1234, OpType.INVOKE, 3, "cas", List.of(1L, 2L), null, "n1", null, null);
        assertThat(line(op)).isEqualTo("{:index 7, :time 1234, :type :invoke, :process 3, :f :cas, :value [1 2], :node \"n1\"}\n");
        Op nemesis = new Op(8, 1300, OpType.INFO, Op.NEMESIS, "start-partition", Map.of("grudge", "halves"), null, null, null, null);
        assertThat(line(nemesis)).isEqualTo("{:index 8, :time 1300, :type :info, :process :nemesis, :f :start-partition,"
                + " :value {:grudge \"halves\"}}\n");
    }

    @Test
    void everyKindOfValueReadsBackAsTheSameOp(@TempDir Path dir) throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("drop", Map.of("n2", List.of("n1", "n3")));
        nested.put("odd key with spaces", -4L);
        nested.put("ratio", 0.25);
        Set<Object> set = new LinkedHashSet<>(List.of(1L, 2L, 3L));
        List<Op> ops = List.of(
                new Op(0, 10, OpType.INVOKE, 0, "write", "quote \" back\\slash\nnewline", "k1", "n1", null, null),
                new Op(1, 20, OpType.FAIL, 0, "write", "quote \" back\\slash\nnewline", "k1", "n1", "timeout: no reply", null),
                new Op(2, 30, OpType.INVOKE, Op.NEMESIS, "start-partition", nested, null, null, null, Map.of("targets", List.of("n1"))),
                new Op(3, 40, OpType.INVOKE, 1, "add", set, 5L, null, null, null),
                new Op(4, 50, OpType.OK, 1, "add", set, 5L, null, null, null),
                new Op(5, 60, OpType.INVOKE, 2, "read", null, null, null, null, null),
                new Op(6, 70, OpType.INFO, 2, "read", Boolean.TRUE, null, null, null, null),
                new Op(7, 80, OpType.INVOKE, 3, "weird f", Double.POSITIVE_INFINITY, null, null, null, null));
        Path file = dir.resolve("history.edn");
        History.of(ops).writeEdn(file);

        History back = History.read(file, null);
        assertThat(History.detect(file)).isEqualTo(HistoryFormat.EDN);
        assertThat(back.ops()).isEqualTo(ops);
        assertThat(Files.readAllLines(file)).hasSize(ops.size());
    }

    @Test
    void aHistoryIsWrittenInItsOrderWithEachOpIndexedByItsPlace(@TempDir Path dir) throws Exception {
        List<Op> arrived = List.of(
                new Op(1, 10, OpType.INVOKE, 0, "read", null, null, null, null, null),
                new Op(0, 12, OpType.INVOKE, 1, "read", null, null, null, null, null),
                new Op(2, 20, OpType.OK, 0, "read", 1L, null, null, null, null));
        Path file = dir.resolve("history.edn");
        History.of(arrived).writeEdn(file);
        assertThat(History.read(file, null).ops()).extracting(Op::index, Op::time)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 10L), org.assertj.core.groups.Tuple.tuple(1L, 12L),
                        org.assertj.core.groups.Tuple.tuple(2L, 20L));
    }

    @Test
    void refusesAFieldNameThatNoKeywordCanSpell() {
        Op op = new Op(0, 1, OpType.INVOKE, 0, "read", null, null, null, null, Map.of("has space", 1L));
        assertThatThrownBy(() -> line(op)).hasMessageContaining("'has space'");
    }
}
