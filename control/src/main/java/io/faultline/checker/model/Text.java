package io.faultline.checker.model;

/**
 * A kv value that is appended to: a string with its hash carried along. The search hashes every new
 * state for its memo, and rehashing a growing string on each append dominated the kv histories. Java's
 * string hash is polynomial, so the hash of {@code s + t} follows from the hashes of the parts:
 * {@code h(s)·31^|t| + h(t)}, and a {@code Text}'s hash is exactly {@code value.hashCode()}.
 */
final class Text {
    final String value;
    private final int hash;
    /** 31^length, in int arithmetic as String.hashCode overflows. */
    private final int power;

    private Text(String value, int hash, int power) {
        this.value = value;
        this.hash = hash;
        this.power = power;
    }

    static Text of(String value) {
        int power = 1;
        for (int i = 0; i < value.length(); i++) power *= 31;
        return new Text(value, value.hashCode(), power);
    }

    Text append(Text suffix) {
        return new Text(value + suffix.value, hash * suffix.power + suffix.hash, power * suffix.power);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && t.hash == hash && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return value;
    }
}
