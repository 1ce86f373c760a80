package io.faultline.generator;

/** The generator that has nothing more to emit. */
enum Exhausted implements Generator {
    INSTANCE;

    @Override
    public Step next(Context ctx) {
        return null;
    }
}
