package io.faultline.agent.sim;

import io.faultline.history.Values;

/**
 * One client operation on one key, checked and normalized before it reaches the store so that applying it
 * cannot fail halfway. A nil key is the single default key.
 */
record SimOp(DataType type, String f, Key key, Object value) {

    /** Where a value lives: each data type has its own key space, so a set and a counter never collide. */
    record Key(DataType type, Object name) {
    }

    static SimOp of(DataType type, String f, Object key, Object value) {
        if (f == null || !type.knows(f)) {
            throw new IllegalArgumentException("the sim client's " + type.wireName() + " keys know f " + type.describeFs()
                    + "; found '" + f + "'" + (type == DataType.REGISTER ? " (set the workload option data-type for other data)" : ""));
        }
        Object normalized = Values.normalize(value);
        type.validate(f, normalized);
        return new SimOp(type, f, new Key(type, Values.normalize(key)), normalized);
    }

    /** Only reads may be served from a replica's own copy (bug stale-reads); everything else changes data. */
    boolean isRead() {
        return f.equals("read");
    }

    Effect applyTo(Object current) {
        return type.apply(f, value, current);
    }
}
