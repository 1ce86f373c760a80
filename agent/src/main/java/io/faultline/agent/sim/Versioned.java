package io.faultline.agent.sim;

/**
 * A key's value as a replica holds it. {@code version} counts the writes the value went through; {@code stamp}
 * is unique cluster-wide and only breaks ties between equal versions, which only a split brain produces.
 */
record Versioned(Object value, long version, long stamp) {

    static final Versioned ABSENT = new Versioned(null, 0, 0);

    boolean newerThan(Versioned other) {
        return version != other.version ? version > other.version : stamp > other.stamp;
    }

    Versioned next(Object newValue, long newStamp) {
        return new Versioned(newValue, version + 1, newStamp);
    }
}
