package io.faultline.checker.model;

/** A lock: {@code acquire} succeeds only when free, {@code release} only when held. Starts free. */
public final class MutexModel implements Model {
    private static final int ACQUIRE = 0, RELEASE = 1;

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Object init() {
        return Boolean.FALSE;
    }

    @Override
    public boolean prepare(Operation op) {
        if (op.outcome == Operation.Outcome.FAIL) return false;
        op.code = switch (op.f()) {
            case "acquire", "lock" -> ACQUIRE;
            case "release", "unlock" -> RELEASE;
            default -> throw new IllegalArgumentException("model mutex knows f acquire, release; found '" + op.f() + "'");
        };
        return true;
    }

    @Override
    public Object step(Object state, Operation op) {
        boolean held = (Boolean) state;
        if (op.code == ACQUIRE) return held ? INCONSISTENT : Boolean.TRUE;
        return held ? Boolean.FALSE : INCONSISTENT;
    }

    @Override
    public Object describe(Object state) {
        return (Boolean) state ? "held" : "free";
    }
}
