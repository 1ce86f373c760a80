package io.faultline.checker.model;

import io.faultline.history.FailedCas;
import io.faultline.history.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A single register, in three flavours: {@code register} (read, write), {@code cas-register} (read, write,
 * cas) and {@code kv} (a per-key string register with get, put and append, as in Porcupine's kv tests; a
 * key never written reads as {@code ""}). The register starts at one of the given initial values (Jepsen's
 * model starts at nil, Knossos' examples at 0).
 *
 * <p>A failed op did not happen. A failed cas is kept only where it observed something — the register did
 * not hold {@code from} — as {@link FailedCas} reads it.
 */
public final class RegisterModel implements Model {
    private static final int READ = 0, WRITE = 1, CAS = 2, APPEND = 3;

    private final String name;
    private final boolean cas;
    private final boolean kv;
    private final FailedCas failedCas;
    private final List<Object> initialStates;

    private RegisterModel(String name, boolean cas, boolean kv, FailedCas failedCas, List<?> initialValues) {
        this.name = name;
        this.cas = cas;
        this.kv = kv;
        this.failedCas = failedCas;
        List<Object> states = new ArrayList<>();
        for (Object v : initialValues) if (!states.contains(normalize(v))) states.add(normalize(v));
        if (states.isEmpty()) throw new IllegalArgumentException("a register needs at least one initial value");
        this.initialStates = Collections.unmodifiableList(states);
    }

    public static RegisterModel register(List<?> initialValues) {
        return new RegisterModel("register", false, false, FailedCas.DID_NOT_HAPPEN, initialValues);
    }

    public static RegisterModel casRegister(FailedCas failedCas, List<?> initialValues) {
        return new RegisterModel("cas-register", true, false, failedCas, initialValues);
    }

    /** A kv key never written reads as "", so its start is fixed. */
    public static RegisterModel kv(FailedCas failedCas) {
        return new RegisterModel("kv", true, true, failedCas, Collections.singletonList(null));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object init() {
        return initialStates.get(0);
    }

    @Override
    public List<Object> initialStates() {
        return initialStates;
    }

    @Override
    public boolean prepare(Operation op) {
        String f = op.f();
        switch (f) {
            case "read", "get" -> {
                if (!op.isOk()) return false;
                op.code = READ;
                op.out = normalize(op.value());
                return true;
            }
            case "write", "put" -> {
                if (op.outcome == Operation.Outcome.FAIL) return false;
                op.code = WRITE;
                op.arg = normalize(op.value());
                return true;
            }
            case "cas" -> {
                if (!cas) throw unknownF(f);
                if (op.outcome == Operation.Outcome.FAIL && !failedCas.observedCompare(op.completion)) return false;
                List<?> fromTo = Values.pair(op.value());
                if (fromTo == null) {
                    throw new IllegalArgumentException("cas needs a value [from to], found " + Values.show(op.value())
                            + " in " + op);
                }
                op.code = CAS;
                op.arg = normalize(fromTo.get(0));
                op.arg2 = normalize(fromTo.get(1));
                return true;
            }
            case "append" -> {
                if (!kv) throw unknownF(f);
                if (op.outcome == Operation.Outcome.FAIL) return false;
                op.code = APPEND;
                op.arg = Text.of(op.value() == null ? "" : op.value().toString());
                return true;
            }
            default -> throw unknownF(f);
        }
    }

    @Override
    public Object step(Object state, Operation op) {
        switch (op.code) {
            case READ:
                return Values.same(state, op.out) ? state : INCONSISTENT;
            case WRITE:
                return op.arg;
            case CAS: {
                boolean holdsFrom = Values.same(state, op.arg);
                return switch (op.outcome) {
                    case OK -> holdsFrom ? op.arg2 : INCONSISTENT;
                    case FAIL -> holdsFrom ? INCONSISTENT : state;
                    case INFO -> holdsFrom ? op.arg2 : state;
                };
            }
            case APPEND: {
                Text suffix = (Text) op.arg;
                if (state == null) return suffix.value.isEmpty() ? null : suffix;
                return ((Text) state).append(suffix);
            }
            default:
                throw new IllegalStateException("unprepared operation " + op);
        }
    }

    @Override
    public boolean readOnly(Operation op) {
        return op.code == READ || op.code == CAS && op.outcome == Operation.Outcome.FAIL;
    }

    @Override
    public long sizeOf(Object state) {
        return state instanceof Text t ? 80L + t.value.length() : 16;
    }

    @Override
    public Object describe(Object state) {
        if (!kv) return state;
        return state == null ? "" : state instanceof Text t ? t.value : state;
    }

    /**
     * In the kv flavour "" and nil are the same value (a key never written reads as ""), and strings are
     * {@link Text}s, which an append extends without rehashing.
     */
    private Object normalize(Object v) {
        if (!kv) return Values.normalize(v);
        if (v == null || "".equals(v)) return null;
        if (v instanceof String s) return Text.of(s);
        // A kv value is text that appends extend: a number put there is its digits.
        if (v instanceof Number || v instanceof Boolean) return Text.of(v.toString());
        throw new IllegalArgumentException("model kv holds text; found " + Values.show(v));
    }

    private IllegalArgumentException unknownF(String f) {
        String allowed = kv ? "get/read, put/write, append, cas" : cas ? "read, write, cas" : "read, write";
        String hint = !cas && f.equals("cas") ? " (use --model cas-register)" : !kv && f.equals("append") ? " (use --model kv)" : "";
        return new IllegalArgumentException("model " + name + " knows f " + allowed + "; found '" + f + "'" + hint);
    }
}
