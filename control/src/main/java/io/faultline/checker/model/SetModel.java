package io.faultline.checker.model;

import io.faultline.history.Values;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** A grow-only set: {@code add v}; {@code read} returns every element. Starts empty. */
public final class SetModel implements Model {
    private static final int ADD = 0, READ = 1;

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Object init() {
        return Set.of();
    }

    @Override
    public boolean prepare(Operation op) {
        switch (op.f()) {
            case "add" -> {
                if (op.outcome == Operation.Outcome.FAIL) return false;
                op.code = ADD;
                op.arg = Values.normalize(op.value());
            }
            case "read" -> {
                if (!op.isOk()) return false;
                if (!(op.value() instanceof Collection<?> elements)) {
                    throw new IllegalArgumentException("a set read must return a collection, found "
                            + Values.show(op.value()) + " in " + op);
                }
                Set<Object> read = new HashSet<>();
                for (Object e : elements) read.add(Values.normalize(e));
                op.code = READ;
                op.out = Set.copyOf(read);
            }
            default -> throw new IllegalArgumentException("model set knows f add, read; found '" + op.f() + "'");
        }
        return true;
    }

    @Override
    public long sizeOf(Object state) {
        return 48L + 40L * ((Set<?>) state).size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object step(Object state, Operation op) {
        Set<Object> set = (Set<Object>) state;
        if (op.code == READ) return set.equals(op.out) ? set : INCONSISTENT;
        if (set.contains(op.arg)) return set;
        Set<Object> next = new HashSet<>(set);
        next.add(op.arg);
        return Set.copyOf(next);
    }
}
