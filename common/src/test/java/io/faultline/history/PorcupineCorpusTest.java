package io.faultline.history;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the reference histories in shared/histories/porcupine with format detection, as the CLI would. */
class PorcupineCorpusTest {
    private static final Path CORPUS = SharedHistories.porcupine();

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve(dir))) {
            return files.sorted().toList();
        }
    }

    /** Every line of these files is one op. */
    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    @Test
    void readsEveryKvHistoryWithFormatDetection() throws Exception {
        List<Path> files = files("kv");
        assertThat(files).hasSize(6);
        for (Path file : files) {
            assertThat(History.detect(file)).as(file.toString()).isEqualTo(HistoryFormat.EDN);
            assertThat((long) History.read(file, null).size()).as(file.toString()).isEqualTo(lines(file));
        }
    }

    @Test
    void readsEveryEtcdLogWithFormatDetection() throws Exception {
        List<Path> files = files("etcd");
        assertThat(files).hasSize(102);
        for (Path file : files) {
            assertThat(History.detect(file)).as(file.toString()).isEqualTo(HistoryFormat.JEPSEN_LOG);
            assertThat((long) History.read(file, null).size()).as(file.toString()).isEqualTo(lines(file));
        }
    }

    @Test
    void readsTheFirstOpOfAKvHistory() throws Exception {
        History h = History.read(CORPUS.resolve("kv/c01-ok.txt"), null);
        assertThat(h.get(0)).isEqualTo(new Op(0, Op.NO_TIME, OpType.INVOKE, 0, "append", "x 0 0 y", "0", null, null, null));
        assertThat(h.get(1)).isEqualTo(new Op(1, Op.NO_TIME, OpType.OK, 0, "append", "x 0 0 y", "0", null, null, null));
    }

    @Test
    void readsFailedCasAndIndeterminateOpsOfAnEtcdLog() throws Exception {
        History h = History.read(CORPUS.resolve("etcd/etcd_000.log"), null);
        // Line 29: "INFO  jepsen.util - 1	:fail	:cas	[0 3]"
        assertThat(h.get(28)).isEqualTo(Op.fail(1, "cas", List.of(0L, 3L)).withIndex(28));
        // Line 61: "INFO  jepsen.util - 4	:info	:write	:timed-out"
        assertThat(h.get(60)).isEqualTo(Op.info(4, "write", null).withError("timed-out").withIndex(60));
    }

    @Test
    void readsATimedOutReadOfASpaceSeparatedEtcdLog() throws Exception {
        History h = History.read(CORPUS.resolve("etcd/etcd_100.log"), null);
        // Line 88: "INFO  jepsen.util - 3   :fail   :read   :timed-out"
        assertThat(h.get(87)).isEqualTo(Op.fail(3, "read", null).withError("timed-out").withIndex(87));
    }
}
