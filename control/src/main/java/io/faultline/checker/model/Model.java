package io.faultline.checker.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequential specification: the state a correct, single-copy object goes through. The linearizability
 * search asks it, again and again, whether an operation can take effect in a state and what state follows,
 * so {@link #step} is the hot path: it must not allocate needlessly and must not parse values.
 *
 * <p>States must be immutable and implement {@code equals}/{@code hashCode} (null is a valid state);
 * the search memoises on them.
 */
public interface Model {

    /** Returned by {@link #step} when the operation cannot take effect in the state with the output seen. */
    Object INCONSISTENT = new Object() {
        @Override
        public String toString() {
            return "inconsistent";
        }
    };

    String name();

    Object init();

    /**
     * The states the object may have started in; a history is linearizable if one of them explains it.
     * Usually just {@link #init}.
     */
    default List<Object> initialStates() {
        return Collections.singletonList(init());
    }

    /**
     * Decodes an operation into {@code code/arg/arg2/out} once, before the search.
     *
     * @return false when the operation constrains nothing and can be left out: a failed write (it did not
     *         happen), a read whose result is unknown
     * @throws IllegalArgumentException when the operation is not one this model knows, naming what is expected
     */
    boolean prepare(Operation op);

    /**
     * Splits the prepared operations (in history order) into independent objects, each checked on its own
     * (P-compositionality), by part key; each part keeps history order. Only the model knows what one
     * object is: by default the operation's key, so a history without keys is one part.
     */
    default Map<Object, List<Operation>> parts(List<Operation> ops) {
        Map<Object, List<Operation>> parts = new LinkedHashMap<>();
        for (Operation op : ops) parts.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        return parts;
    }

    /** The state after {@code op} takes effect in {@code state}, or {@link #INCONSISTENT}. */
    Object step(Object state, Operation op);

    /**
     * True when {@code op} never changes the state it takes effect in (a read): the search then takes such an op
     * as soon as it fits, exploring no alternative, as placing it earlier can never hurt.
     */
    default boolean readOnly(Operation op) {
        return false;
    }

    /** Roughly how many bytes a state holds, for the search's memory budget. */
    default long sizeOf(Object state) {
        return 16;
    }

    /** The state as a user should see it in a counterexample. */
    default Object describe(Object state) {
        return state;
    }
}
