package io.faultline.examples.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One of Elle's list-append transactions ({@code f: txn}): micro-ops {@code ["append", key, value]} and
 * {@code ["r", key, nil]}, keys and values integers. Completed, it takes the shapes the etcd client gives, so the
 * same checker reads both: an append as invoked, a read with the key's list filled in ({@code []} for a key
 * nothing was appended to), keys and elements as Longs.
 */
record ListAppendTxn(List<Mop> mops) {

    /** @param value the element appended; null for a read */
    record Mop(String f, long key, Long value) {
        boolean isRead() {
            return f.equals("r");
        }

        List<Object> invoked() {
            return Arrays.asList(f, key, value);
        }
    }

    ListAppendTxn {
        mops = List.copyOf(mops);
    }

    /** Reads an invocation's value; refuses what is not a list of list-append micro-ops on integers. */
    static ListAppendTxn parse(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("a txn's value is a non-empty list of micro-ops, found " + value);
        }
        List<Mop> mops = new ArrayList<>(list.size());
        for (Object m : list) {
            if (!(m instanceof List<?> parts) || parts.size() != 3 || !List.of("append", "r").contains(String.valueOf(parts.get(0)))) {
                String hint = m instanceof List<?> parts && !parts.isEmpty() && "w".equals(parts.get(0))
                        ? " (keys hold lists: append to them; rw-register is not served)" : "";
                throw new IllegalArgumentException("a micro-op is [\"append\", key, value] or [\"r\", key, nil]; found " + m + hint);
            }
            String f = (String) parts.get(0);
            long key = integer(parts.get(1), "a key is an integer (a row's id)", m);
            if (f.equals("r")) {
                if (parts.get(2) != null) throw new IllegalArgumentException("a read is [\"r\", key, nil]; found " + m);
                mops.add(new Mop(f, key, null));
            } else {
                mops.add(new Mop(f, key, integer(parts.get(2), "an appended value is an integer", m)));
            }
        }
        return new ListAppendTxn(mops);
    }

    private static long integer(Object o, String rule, Object mop) {
        if (o instanceof Number n && !(o instanceof Double) && !(o instanceof Float)) return n.longValue();
        throw new IllegalArgumentException(rule + "; found " + mop);
    }

    /** Whether it only reads, so that whatever becomes of it changes nothing. */
    boolean readOnly() {
        return mops.stream().allMatch(Mop::isRead);
    }

    /** The value as invoked, reads nil: what a fail or an info carries. */
    List<Object> invoked() {
        return mops.stream().map(Mop::invoked).map(Object.class::cast).toList();
    }

    /**
     * The value of an ok completion.
     *
     * @param reads what each read saw, in the order of the reads; null for a key with no row
     */
    List<Object> completed(List<List<Long>> reads) {
        if (reads.size() != mops.stream().filter(Mop::isRead).count()) {
            throw new IllegalArgumentException(reads.size() + " read results for " + mops.stream().filter(Mop::isRead).count() + " reads");
        }
        Iterator<List<Long>> read = reads.iterator();
        List<Object> out = new ArrayList<>(mops.size());
        for (Mop m : mops) {
            if (m.isRead()) {
                List<Long> seen = read.next();
                out.add(List.of("r", m.key(), seen == null ? List.of() : List.copyOf(seen)));
            } else {
                out.add(List.of("append", m.key(), m.value()));
            }
        }
        return out;
    }

    /** A {@code bigint[]} column's value as JDBC gives it (a {@code Long[]}, or null), as a list. */
    static List<Long> elements(Object sqlArray) {
        if (sqlArray == null) return null;
        if (!(sqlArray instanceof Long[] longs)) {
            throw new IllegalStateException("a list's val is a bigint[]; the driver gave " + sqlArray.getClass().getName());
        }
        for (Long l : longs) {
            if (l == null) throw new IllegalStateException("a list holds a NULL element: " + Arrays.toString(longs));
        }
        return List.of(longs);
    }
}
