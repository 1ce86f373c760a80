package io.faultline.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryFormatTest {

    @Test
    void detectsJsonl() {
        assertThat(HistoryFormat.detect("{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}")).isEqualTo(HistoryFormat.JSONL);
        assertThat(HistoryFormat.detect("{ \"type\": \"invoke\"}")).isEqualTo(HistoryFormat.JSONL);
    }

    @Test
    void detectsEdnMapsWrappersAndTaggedMaps() {
        assertThat(HistoryFormat.detect("{:process 0, :type :invoke, :f :append}")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("{")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("[{:process 0, :type :invoke, :f :read}")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("(")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("#jepsen.history.Op{:index 0}")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.detect("#_ {:ignored 1}")).isEqualTo(HistoryFormat.EDN);
    }

    @Test
    void detectsJepsenLogLines() {
        assertThat(HistoryFormat.detect("INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]")).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(HistoryFormat.detect("2017-03-01 12:00:00,123{GMT}\tINFO\t[jepsen worker 3] jepsen.util: 3\t:invoke\t:read\tnil"))
                .isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(HistoryFormat.detect("[main] INFO jepsen.util - 2 :invoke :read nil")).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(HistoryFormat.detect("INFO  jepsen.core - Running test")).isEqualTo(HistoryFormat.JEPSEN_LOG);
    }

    @Test
    void detectsNothingInOtherText() {
        assertThat(HistoryFormat.detect("hello")).isNull();
        assertThat(HistoryFormat.detect("# a heading")).isNull();
        assertThat(HistoryFormat.detect("42")).isNull();
    }

    @Test
    void looksFormatsUpByTheirCommandLineName() {
        assertThat(HistoryFormat.fromCliName("edn")).isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.fromCliName("jepsen-log")).isEqualTo(HistoryFormat.JEPSEN_LOG);
        assertThat(HistoryFormat.names()).isEqualTo("jsonl, edn, jepsen-log");
    }

    @Test
    void detectsAFileFormatPastBlankLinesAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.edn");
        Files.writeString(file, "\n; written by hand\n\n{:process 0 :type :invoke :f :read :value nil}\n");
        assertThat(History.detect(file)).isEqualTo(HistoryFormat.EDN);
        assertThat(History.read(file, null).get(0)).isEqualTo(Op.invoke(0, "read", null).withIndex(0));
    }

    @Test
    void reportsAFileThatIsNotUtf8AsAParseError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("garbage.bin");
        Files.write(file, new byte[] {'[', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
        assertThatThrownBy(() -> History.read(file, null)).isInstanceOf(HistoryParseException.class)
                .hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> History.read(file, HistoryFormat.EDN)).isInstanceOf(HistoryParseException.class)
                .hasMessageContaining("not UTF-8 text");
        Files.write(file, ("INFO  jepsen.util - 1\t:invoke\t:read\tnil\n\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> History.read(file, HistoryFormat.JEPSEN_LOG)).isInstanceOf(HistoryParseException.class)
                .hasMessageContaining("not UTF-8 text");
    }
}
