package io.faultline.generator;

/** The groups of threads a generator can be confined to. */
enum ThreadSet {
    CLIENTS {
        @Override
        Context restrict(Context ctx) {
            return ctx.clientsOnly();
        }
    },
    NEMESIS {
        @Override
        Context restrict(Context ctx) {
            return ctx.nemesisOnly();
        }
    };

    abstract Context restrict(Context ctx);
}
