package io.faultline.history;

import java.util.Arrays;

/**
 * Shares one String among repeats of a short token. A history repeats a handful of keywords and small
 * strings ({@code :type}, {@code :invoke}, {@code "0"}) millions of times; looking them up here costs less
 * than allocating each one, and the ops read then hold one copy instead of millions.
 *
 * <p>A fixed table where a newcomer replaces whatever shared its slot, so it never grows and needs no
 * eviction; a miss only costs the allocation it would have cost anyway. Each slot keeps its token's chars
 * too, since comparing two arrays is faster than comparing an array with a String.
 */
final class TokenCache {
    private static final int SLOTS = 1024;
    private static final int MAX_LENGTH = 32;

    private final String[] strings = new String[SLOTS];
    private final char[][] chars = new char[SLOTS][];

    String get(char[] token, int length) {
        return get(token, 0, length);
    }

    /** A plain loop: for tokens this short it beats {@link Arrays#equals(char[], int, int, char[], int, int)}. */
    private static boolean same(char[] cached, char[] text, int offset, int length) {
        if (cached.length != length) return false;
        for (int i = 0; i < length; i++) {
            if (cached[i] != text[offset + i]) return false;
        }
        return true;
    }

    /** The token in {@code text[offset, offset + length)}. */
    String get(char[] text, int offset, int length) {
        if (length > MAX_LENGTH) return new String(text, offset, length);
        int end = offset + length;
        int hash = 0;
        for (int i = offset; i < end; i++) hash = 31 * hash + text[i];
        int slot = (hash ^ (hash >>> 10)) & (SLOTS - 1);
        char[] cached = chars[slot];
        if (cached != null && same(cached, text, offset, length)) return strings[slot];
        String fresh = new String(text, offset, length);
        chars[slot] = Arrays.copyOfRange(text, offset, end);
        strings[slot] = fresh;
        return fresh;
    }
}
