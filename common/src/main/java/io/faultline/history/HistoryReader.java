package io.faultline.history;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads one history format. Implementations report malformed input with the line and what was expected. */
public interface HistoryReader {

    /**
     * Reads every op from {@code in}, in file order, handing each to {@code sink}.
     *
     * @param source the name shown in error messages (usually the file path)
     */
    void read(String source, Reader in, Consumer<Op> sink) throws IOException, HistoryParseException;
}
