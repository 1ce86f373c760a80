package io.faultline.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.protocol.Messages.EventBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's local copy of every event batch, one JSON line per batch, written on a thread of its own so
 * the event loop never waits for the disk. {@link #NONE} keeps nothing (the local provider, whose agents
 * live in the control's JVM and die with it).
 */
interface Journal extends AutoCloseable {

    Journal NONE = new Journal() {
        @Override
        public void append(EventBatch batch) {
        }

        @Override
        public void close() {
        }
    };

    void append(EventBatch batch);

    @Override
    void close();

    static Journal file(Path path) {
        return new FileJournal(path);
    }

    /** Opens, writes and closes the file on its own thread, in that order: no call here waits for the disk. */
    final class FileJournal implements Journal {
        private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
        private static final ObjectMapper JSON = new ObjectMapper();

        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faultline-journal");
            t.setDaemon(true);
            return t;
        });
        private BufferedWriter out;

        FileJournal(Path path) {
            writer.execute(() -> {
                try {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                    out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    LOG.warn("journal {} cannot be opened, events are kept only until acknowledged: {}", path, e.getMessage());
                }
            });
        }

        @Override
        public void append(EventBatch batch) {
            writer.execute(() -> {
                if (out == null) return;
                try {
                    out.write(JSON.writeValueAsString(batch));
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    LOG.warn("journal write failed: {}", e.getMessage());
                }
            });
        }

        /** Closes the file once what was appended before is written; returns at once. */
        @Override
        public void close() {
            if (writer.isShutdown()) return;
            writer.execute(() -> {
                try {
                    if (out != null) out.close();
                } catch (IOException e) {
                    LOG.warn("journal close failed: {}", e.getMessage());
                }
            });
            writer.shutdown();
        }
    }
}
