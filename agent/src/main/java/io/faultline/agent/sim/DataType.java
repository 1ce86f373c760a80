package io.faultline.agent.sim;

import io.faultline.history.Values;
import io.faultline.spi.Completion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kinds of value a key can hold, so that one store serves every workload. Each kind knows its {@code f}s
 * and what they do to the current value (nil when the key was never written).
 */
enum DataType {
    REGISTER("register", List.of("read", "write", "cas")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            return switch (f) {
                case "read" -> Effect.observe(Completion.ok(current));
                case "write" -> Effect.write(arg, Completion.ok(arg));
                default -> {
                    List<?> fromTo = (List<?>) arg;
                    // A compare that failed is a fail without error: checkers read it as "the register did not hold from".
                    yield Objects.equals(current, fromTo.get(0))
                            ? Effect.write(fromTo.get(1), Completion.ok(arg))
                            : Effect.observe(Completion.compareFailed(arg));
                }
            };
        }

        @Override
        void validate(String f, Object arg) {
            if (f.equals("cas") && !(arg instanceof List<?> list && list.size() == 2)) {
                throw new IllegalArgumentException("cas needs a value [from to], found " + arg);
            }
        }
    },
    SET("set", List.of("add", "read")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            List<?> elements = current == null ? List.of() : (List<?>) current;
            if (f.equals("read")) return Effect.observe(Completion.ok(elements));
            TreeSet<Object> next = new TreeSet<>(Values.ORDER);
            next.addAll(elements);
            next.add(arg);
            return Effect.write(java.util.List.copyOf(next), Completion.ok(arg));
        }
    },
    COUNTER("counter", List.of("add", "read")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            long value = current == null ? 0L : (Long) current;
            if (f.equals("read")) return Effect.observe(Completion.ok(value));
            return Effect.write(value + (Long) arg, Completion.ok(arg));
        }

        @Override
        void validate(String f, Object arg) {
            if (f.equals("add") && !(arg instanceof Long)) {
                throw new IllegalArgumentException("a counter adds integers, found " + arg);
            }
        }
    },
    QUEUE("queue", List.of("enqueue", "dequeue", "drain")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            List<?> items = current == null ? List.of() : (List<?>) current;
            switch (f) {
                case "enqueue" -> {
                    List<Object> next = new ArrayList<>(items);
                    next.add(arg);
                    return Effect.write(java.util.List.copyOf(next), Completion.ok(arg));
                }
                case "dequeue" -> {
                    if (items.isEmpty()) return Effect.observe(Completion.fail(null, "empty"));
                    return Effect.write(java.util.List.copyOf(items.subList(1, items.size())), Completion.ok(items.get(0)));
                }
                default -> {
                    if (items.isEmpty()) return Effect.observe(Completion.ok(List.of()));
                    return Effect.write(List.of(), Completion.ok(items));
                }
            }
        }
    },
    /** Lists that only grow, for Elle's list-append transactions: {@code append v} adds v at the end, {@code read} shows all. */
    LIST("list", List.of("append", "read")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            List<?> items = current == null ? List.of() : (List<?>) current;
            if (f.equals("read")) return Effect.observe(Completion.ok(items));
            List<Object> next = new ArrayList<>(items);
            next.add(arg);
            return Effect.write(java.util.List.copyOf(next), Completion.ok(arg));
        }
    },
    /** Ids come from a counter replicated like any other value, so a split brain hands out the same id twice. */
    UNIQUE_IDS("unique-ids", List.of("generate")) {
        @Override
        Effect apply(String f, Object arg, Object current) {
            long next = (current == null ? 0L : (Long) current) + 1;
            return Effect.write(next, Completion.ok(next));
        }
    };

    /** The workload names that imply a data type when the options do not name one. */
    private static final Map<String, DataType> BY_WORKLOAD = Map.ofEntries(
            Map.entry("register", REGISTER), Map.entry("cas-register", REGISTER),
            Map.entry("linearizable-register", REGISTER), Map.entry("set", SET), Map.entry("set-full", SET),
            Map.entry("counter", COUNTER), Map.entry("queue", QUEUE), Map.entry("total-queue", QUEUE),
            Map.entry("fifo-queue", QUEUE), Map.entry("unordered-queue", QUEUE), Map.entry("unique-ids", UNIQUE_IDS),
            Map.entry("list-append", LIST), Map.entry("rw-register", REGISTER));

    private final String wireName;
    private final List<String> fs;

    DataType(String wireName, List<String> fs) {
        this.wireName = wireName;
        this.fs = fs;
    }

    String wireName() {
        return wireName;
    }

    /** The value after {@code f} and the answer; {@code arg} has been validated and normalized. */
    abstract Effect apply(String f, Object arg, Object current);

    /** Rejects an argument {@link #apply} could not use, before anything happens. */
    void validate(String f, Object arg) {
    }

    boolean knows(String f) {
        return fs.contains(f);
    }

    String describeFs() {
        return String.join(", ", fs);
    }

    /**
     * The data type a client works on: the option {@code data-type}, else the one the workload's {@code name}
     * implies, else a register. Set and counter share {@code add} and {@code read}, so they must be told apart here.
     */
    static DataType fromOptions(Map<String, Object> options) {
        Object declared = options == null ? null : options.get("data-type");
        if (declared != null) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(declared.toString())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown data-type '" + declared + "' for the sim client; known: "
                            + Arrays.stream(values()).map(DataType::wireName).collect(Collectors.joining(", "))));
        }
        Object workload = options == null ? null : options.get("name");
        return workload == null ? REGISTER : BY_WORKLOAD.getOrDefault(workload.toString(), REGISTER);
    }
}
