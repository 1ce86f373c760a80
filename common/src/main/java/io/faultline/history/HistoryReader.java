package io.faultline.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one history format. Implementations report malformed input with the line and what was expected, and
 * hand each op over with the line it starts on, so that whatever is wrong with it later can name that line.
 */
public interface HistoryReader {

    /** Receives the ops read, in file order. */
    @FunctionalInterface
    interface Sink {
        /** @param line the line of the source the op starts on, counting from 1 */
        void accept(Op op, long line);
    }

    /**
     * Reads every op from {@code in}, in file order, handing each to {@code sink}.
     *
     * @param source the name shown in error messages (usually the file path)
     */
    void read(String source, Reader in, Sink sink) throws IOException, HistoryParseException;

    /**
     * Reads every op from UTF-8 bytes. Bytes that are not UTF-8 are an error on their own line, never replaced: a
     * decoder that replaced them would change values silently.
     */
    default void read(String source, InputStream in, Sink sink) throws IOException, HistoryParseException {
        read(source, new Utf8Reader(in), sink);
    }

    /** Reads a file, named by its path in messages. A reader may read a large file in parts, side by side. */
    default void read(Path file, Sink sink) throws IOException, HistoryParseException {
        try (InputStream in = Files.newInputStream(file)) {
            read(file.toString(), in, sink);
        }
    }
}
