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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of ops, read from one source. Reading assigns each op its position as {@code index} when the
 * source had none, so every op of a history can be named in results and counterexamples, and keeps the line
 * each op starts on, so that validation ({@link HistoryValidation}) can name it.
 */
public final class History implements Iterable<Op> {
    /** A decoder reads ahead, so the bytes it rejects may lie a little after the line a reader is on. */
    static final String NOT_UTF8 = "not UTF-8 text: there are bytes that are not UTF-8 at or after this line";
    static final String EMPTY = "empty history: no ops found";

    /** What {@link #source} is for a history made of ops in memory. */
    public static final String IN_MEMORY = "<ops>";

    private final String source;
    private final List<Op> ops;
    /** The line each op starts on, by position; null when the ops came from memory. */
    private final long[] lines;

    private History(String source, List<Op> ops, long[] lines) {
        this.source = source;
        this.ops = Collections.unmodifiableList(ops);
        this.lines = lines;
    }

    /** A history of the given ops, indexed by position where they carry no index. */
    public static History of(List<Op> ops) {
        List<Op> indexed = new ArrayList<>(ops.size());
        for (Op op : ops) indexed.add(op.index() >= 0 ? op : op.withIndex(indexed.size()));
        return new History(IN_MEMORY, indexed, null);
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
        Collector collector = new Collector();
        chosen.reader().read(file, collector);
        return collector.history(source);
    }

    public static History read(String source, Reader in, HistoryFormat format) throws IOException, HistoryParseException {
        Collector collector = new Collector();
        format.reader().read(source, in, collector);
        return collector.history(source);
    }

    public static History parse(String text, HistoryFormat format) throws HistoryParseException {
        try {
            return read("<text>", new StringReader(text), format);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Gathers what a reader hands over: the ops, indexed by position where they had no index, and their lines. */
    private static final class Collector implements HistoryReader.Sink {
        private final List<Op> ops = new ArrayList<>(1 << 12);
        private long[] lines = new long[1 << 12];

        @Override
        public void accept(Op op, long line) {
            int at = ops.size();
            if (at == lines.length) lines = Arrays.copyOf(lines, at * 2);
            lines[at] = line;
            ops.add(op.index() >= 0 ? op : op.withIndex(at));
        }

        History history(String source) {
            return new History(source, ops, lines);
        }
    }

    /** Detects a file's format; the error says which formats were tried and what the line looked like. */
    public static HistoryFormat detect(Path file) throws IOException, HistoryParseException {
        try (BufferedReader in = new BufferedReader(new Utf8Reader(Files.newInputStream(file)))) {
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
            throw new HistoryParseException(file.toString(), number, EMPTY);
        }
    }

    private static String readLine(BufferedReader in, Path file, long linesRead) throws IOException, HistoryParseException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw e instanceof Utf8Reader.NotUtf8 at ? new HistoryParseException(file.toString(), at.line(), Utf8Reader.NOT_UTF8)
                    : new HistoryParseException(file.toString(), linesRead + 1, NOT_UTF8);
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
     * timestamps the file order is the time order already. Each op keeps its line.
     */
    public History inTimeOrder() {
        int n = ops.size();
        if (n == 0) return this;
        for (Op op : ops) {
            if (!op.hasTime()) return this;
        }
        if (isMergedByTime()) return this;
        // Each process's positions in file order, chained: a chain starts at a process's first op, next[i] goes on.
        Map<Integer, Integer> chainOf = new HashMap<>();
        List<Integer> firsts = new ArrayList<>();
        int[] last = new int[16];
        int[] next = new int[n];
        Arrays.fill(next, -1);
        boolean processesInOrder = true;
        for (int i = 0; i < n; i++) {
            Integer chain = chainOf.get(ops.get(i).process());
            if (chain == null) {
                chainOf.put(ops.get(i).process(), firsts.size());
                if (firsts.size() == last.length) last = Arrays.copyOf(last, last.length * 2);
                last[firsts.size()] = i;
                firsts.add(i);
            } else {
                if (comesBefore(i, last[chain])) processesInOrder = false;
                next[last[chain]] = i;
                last[chain] = i;
            }
        }
        // When every process's own ops are in order, merging them is sorting them all, and a file off by a few
        // ties sorts in one pass.
        int[] order = processesInOrder ? sortedIfNearly() : null;
        if (order == null) order = merged(firsts, next);
        List<Op> sorted = new ArrayList<>(n);
        long[] sortedLines = new long[n];
        for (int i = 0; i < n; i++) {
            sorted.add(ops.get(order[i]));
            sortedLines[i] = line(order[i]);
        }
        return new History(source, sorted, sortedLines);
    }

    /** The positions sorted by an insertion sort that gives up (null) once it has moved more ops than there are. */
    private int[] sortedIfNearly() {
        int n = ops.size();
        int[] order = new int[n];
        long moves = 0;
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && comesBefore(i, order[j - 1])) {
                order[j] = order[j - 1];
                j--;
                if (++moves > n) return null;
            }
            order[j] = i;
        }
        return order;
    }

    /** The processes' chains merged with a binary heap of their next positions, least first. */
    private int[] merged(List<Integer> firsts, int[] next) {
        int[] heap = new int[firsts.size()];
        int size = 0;
        for (int first : firsts) heap[size++] = first;
        for (int i = size / 2 - 1; i >= 0; i--) siftDown(heap, size, i);
        int[] order = new int[ops.size()];
        int at = 0;
        while (size > 0) {
            int head = heap[0];
            order[at++] = head;
            heap[0] = next[head] >= 0 ? next[head] : heap[--size];
            siftDown(heap, size, 0);
        }
        return order;
    }

    /** Whether the ops are in the order {@link #inTimeOrder} would put them in already, as generated histories are. */
    private boolean isMergedByTime() {
        for (int i = 1; i < ops.size(); i++) {
            if (comesBefore(i, i - 1)) return false;
        }
        return true;
    }

    private boolean comesBefore(int a, int b) {
        Op x = ops.get(a);
        Op y = ops.get(b);
        if (x.time() != y.time()) return x.time() < y.time();
        if (x.isInvoke() != y.isInvoke()) return x.isInvoke();
        return x.index() < y.index();
    }

    private void siftDown(int[] heap, int size, int at) {
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) return;
            if (child + 1 < size && comesBefore(heap[child + 1], heap[child])) child++;
            if (!comesBefore(heap[child], heap[at])) return;
            int swap = heap[at];
            heap[at] = heap[child];
            heap[child] = swap;
            at = child;
        }
    }

    /** The file, or {@link #IN_MEMORY}, the ops came from. */
    public String source() {
        return source;
    }

    /**
     * The line of {@link #source} the op at {@code position} starts on. For ops from memory it is the op's
     * position counted from 1, which is its line once written as JSONL.
     */
    public long line(int position) {
        return lines == null ? position + 1L : lines[position];
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

    /**
     * Jepsen's {@code history.edn}: the ops in this history's order, each op's {@code :index} its position, as
     * Jepsen's tools expect of a history (a run's history.jsonl numbers ops as they arrived, which is not quite the
     * order of time). {@link HistoryFormat#EDN} reads it back as these ops so renumbered.
     */
    public void writeEdn(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            EdnHistoryWriter writer = new EdnHistoryWriter(out);
            for (int i = 0; i < ops.size(); i++) writer.append(ops.get(i).withIndex(i));
        }
    }
}
