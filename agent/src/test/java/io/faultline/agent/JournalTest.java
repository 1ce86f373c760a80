package io.faultline.agent;

import io.faultline.protocol.Messages.EventBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void batchesAppendedBeforeCloseAreAllWrittenInOrderInADirectoryItCreates() throws Exception {
        Path file = dir.resolve("var/journal.jsonl");
        Journal journal = Journal.file(file);
        for (long seq = 1; seq <= 3; seq++) journal.append(new EventBatch("n1", seq, List.of()));
        journal.close();
        journal.close();

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (lines(file).size() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(lines(file)).hasSize(3).satisfiesExactly(
                line -> assertThat(line).contains("\"seq\":1"),
                line -> assertThat(line).contains("\"seq\":2"),
                line -> assertThat(line).contains("\"seq\":3"));
    }

    @Test
    void aJournalThatCannotBeOpenedDropsItsWritesWithoutThrowing() throws Exception {
        Path blocked = Files.writeString(dir.resolve("file"), "not a directory");
        Journal journal = Journal.file(blocked.resolve("journal.jsonl"));

        journal.append(new EventBatch("n1", 1, List.of()));
        journal.close();

        assertThat(Files.readString(blocked)).isEqualTo("not a directory");
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
