package io.faultline.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered list of ops. Reading assigns each op its position as {@code index} when the source had none,
 * so every op of a history can be named in results and counterexamples.
 */
public final class History implements Iterable<Op> {
    /** A decoder reads ahead, so the bytes it rejects may lie a little after the line a reader is on. */
    static final String NOT_UTF8 = "not UTF-8 text: there are bytes that are not UTF-8 at or after this line";

    private final List<Op> ops;

    private History(List<Op> ops) {
        this.ops = Collections.unmodifiableList(ops);
    }

    /** A history of the given ops, indexed by position where they carry no index. */
    public static History of(List<Op> ops) {
        List<Op> indexed = new ArrayList<>(ops.size());
        for (Op op : ops) indexed.add(op.index() >= 0 ? op : op.withIndex(indexed.size()));
        return new History(indexed);
    }

    public static History of(Op... ops) {
        return of(List.of(ops));
    }

    /**
     * Reads a history file. With {@code format} null the format is detected from the first line that is
     * neither blank nor a comment.
     */
    public static History read(Path file, HistoryFormat format) throws IOException, HistoryParseException {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) throw new NoSuchFileException(source, null, "no such file");
            throw new HistoryParseException(source, 0, "not a regular file");
        }
        HistoryFormat chosen = format != null ? format : detect(file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(source, in, chosen);
        }
    }

    public static History read(String source, Reader in, HistoryFormat format) throws IOException, HistoryParseException {
        List<Op> ops = new ArrayList<>();
        format.reader().read(source, in, op -> ops.add(op.index() >= 0 ? op : op.withIndex(ops.size())));
        return new History(ops);
    }

    public static History parse(String text, HistoryFormat format) throws HistoryParseException {
        try {
            return read("<text>", new StringReader(text), format);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Detects a file's format; the error says which formats were tried and what the line looked like. */
    public static HistoryFormat detect(Path file) throws IOException, HistoryParseException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = readLine(in, file, number)) != null) {
                number++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith(";") || s.startsWith("#!") || s.startsWith("//")) continue;
                HistoryFormat format = HistoryFormat.detect(s);
                if (format != null) return format;
                throw new HistoryParseException(file.toString(), number,
                        "cannot tell the history format from '" + abbreviate(s) + "'; pass --format with one of: "
                                + HistoryFormat.names());
            }
            throw new HistoryParseException(file.toString(), number, "empty history: no ops found");
        }
    }

    private static String readLine(BufferedReader in, Path file, long linesRead) throws IOException, HistoryParseException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw new HistoryParseException(file.toString(), linesRead + 1, NOT_UTF8);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * The same ops ordered by time, when every op has one: a run's history is written in arrival order,
     * which interleaves agents. Each process's own ops keep their order — widened timestamps may put a
     * process's next invocation a hair before its previous completion — so this merges the processes'
     * sequences by time, invocations first at equal times (concurrent, the safe reading). Without
     * timestamps the file order is the time order already.
     */
    public History inTimeOrder() {
        if (ops.isEmpty() || !ops.stream().allMatch(Op::hasTime)) return this;
        java.util.Map<Integer, java.util.ArrayDeque<Op>> byProcess = new java.util.LinkedHashMap<>();
        for (Op op : ops) byProcess.computeIfAbsent(op.process(), p -> new java.util.ArrayDeque<>()).add(op);
        java.util.PriorityQueue<java.util.ArrayDeque<Op>> heads = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong((java.util.ArrayDeque<Op> q) -> q.peek().time())
                        .thenComparingInt(q -> q.peek().isInvoke() ? 0 : 1)
                        .thenComparingLong(q -> q.peek().index()));
        heads.addAll(byProcess.values());
        List<Op> sorted = new ArrayList<>(ops.size());
        while (!heads.isEmpty()) {
            java.util.ArrayDeque<Op> next = heads.poll();
            sorted.add(next.poll());
            if (!next.isEmpty()) heads.add(next);
        }
        return new History(sorted);
    }

    public List<Op> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    public Op get(int i) {
        return ops.get(i);
    }

    @Override
    public Iterator<Op> iterator() {
        return ops.iterator();
    }

    public void writeJsonl(Writer out) throws IOException {
        JsonlHistoryWriter writer = new JsonlHistoryWriter(out);
        for (Op op : ops) writer.append(op);
        writer.flush();
    }

    public void writeJsonl(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJsonl(out);
        }
    }
}
