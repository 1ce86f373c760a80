package io.faultline.workload;

import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import io.faultline.history.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Elle's transactions: one to {@link #MAX_LENGTH} micro-ops, each a write of a fresh value ({@code append} for
 * list-append, {@code w} for rw-register) or a read, on one of {@code keys.length} active keys. A key takes
 * {@link #MAX_WRITES_PER_KEY} writes and is then retired for a new one, so every key's history stays short and every
 * value is written once. Immutable, as generators are.
 */
record ElleTxns(String writeF, Rng rng, long[] keys, int[] appended, long nextKey) implements Generator {
    static final int MAX_LENGTH = 4;
    static final int MAX_WRITES_PER_KEY = 32;

    static ElleTxns start(String writeF, Rng rng, int activeKeys) {
        long[] keys = new long[activeKeys];
        for (int i = 0; i < activeKeys; i++) keys[i] = i;
        return new ElleTxns(writeF, rng, keys, new int[activeKeys], activeKeys);
    }

    @Override
    public Step next(Context ctx) {
        long[] k = Arrays.copyOf(keys, keys.length);
        int[] n = Arrays.copyOf(appended, appended.length);
        long fresh = nextKey;
        Rng draw = rng;
        int length = 1 + draw.below(MAX_LENGTH);
        List<Object> mops = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            draw = draw.next();
            int slot = draw.below(k.length);
            draw = draw.next();
            if (draw.below(2) == 0) {
                mops.add(Arrays.asList("r", k[slot], null));
            } else {
                mops.add(List.of(writeF, k[slot], (long) ++n[slot]));
                if (n[slot] == MAX_WRITES_PER_KEY) {
                    k[slot] = fresh++;
                    n[slot] = 0;
                }
            }
        }
        Op op = Ops.fillIn(Ops.op("txn", mops), ctx);
        return op == null ? Step.pending(this) : Step.emit(op, new ElleTxns(writeF, draw.next(), k, n, fresh));
    }
}
