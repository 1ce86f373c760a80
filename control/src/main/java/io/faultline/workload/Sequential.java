package io.faultline.workload;

import io.faultline.generator.Context;
import io.faultline.generator.Generator;
import io.faultline.generator.Ops;
import io.faultline.generator.Step;
import io.faultline.history.Op;

/**
 * {@code f} with the values 0, 1, 2, ... — unique elements for set and queue workloads, where a value
 * seen twice must mean a duplicate, never a coincidence.
 */
record Sequential(String f, long next) implements Generator {

    @Override
    public Step next(Context ctx) {
        Op op = Ops.fillIn(Ops.op(f, next), ctx);
        return op == null ? Step.pending(this) : Step.emit(op, new Sequential(f, next + 1));
    }
}
