package io.faultline.report;

import io.faultline.checker.OpPairs;
import io.faultline.history.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * A client operation as the plots see it: its f, how it ended ({@code ok}, {@code fail}, {@code info}, or
 * {@code pending} when it never completed), and its times in history nanoseconds.
 *
 * @param end the completion's time, or the end of the history for a pending op
 */
record Timed(OpPairs.Pair pair, String f, String type, long start, long end) {

    static List<Timed> of(List<OpPairs.Pair> pairs, long historyEnd) {
        List<Timed> all = new ArrayList<>(pairs.size());
        for (OpPairs.Pair p : pairs) {
            Op c = p.completion();
            all.add(new Timed(p, p.f(), c == null ? "pending" : c.type().wireName(), p.invoke().time(),
                    c == null ? historyEnd : Math.max(c.time(), p.invoke().time())));
        }
        return all;
    }

    boolean completed() {
        return pair.completion() != null;
    }

    double latencyMillis() {
        return (end - start) / 1e6;
    }
}
