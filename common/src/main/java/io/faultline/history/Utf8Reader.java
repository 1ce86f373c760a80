package io.faultline.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and knows the line of the bytes it refuses. A JDK reader decodes ahead of what its
 * caller has read, so the caller can only say "at or after this line"; this one counts the newlines of the bytes
 * it decodes, so {@link NotUtf8} names the line the bad bytes are on.
 */
final class Utf8Reader extends Reader {
    static final String NOT_UTF8 = "not UTF-8 text: there are bytes on this line that are not UTF-8";

    /** Bytes that are not UTF-8, on {@link #line()}. */
    static final class NotUtf8 extends CharacterCodingException {
        private final long line;

        NotUtf8(long line) {
            this.line = line;
        }

        long line() {
            return line;
        }

        @Override
        public String getMessage() {
            return "line " + line + ": " + NOT_UTF8;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    /** Undecoded bytes, between position and limit. */
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    /** A char decoded that the caller had no room for (the second half of a surrogate pair). */
    private final CharBuffer spare = CharBuffer.allocate(2).flip();
    private long line = 1;
    private boolean endOfInput;
    private boolean flushed;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (spare.hasRemaining()) {
            into[offset] = spare.get();
            return 1;
        }
        if (length == 1) {
            spare.clear();
            int n = decode(spare);
            spare.flip();
            if (n <= 0) return n;
            into[offset] = spare.get();
            return 1;
        }
        return decode(CharBuffer.wrap(into, offset, length));
    }

    /** Decodes into {@code out}, reading as needed; the chars decoded, or -1 at the end. */
    private int decode(CharBuffer out) throws IOException {
        int start = out.position();
        while (true) {
            int from = bytes.position();
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            line += newlines(from, bytes.position());
            if (result.isError()) throw new NotUtf8(line);
            if (out.position() > start) return out.position() - start;
            if (endOfInput) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                    if (out.position() > start) return out.position() - start;
                }
                return -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) endOfInput = true;
            else bytes.position(bytes.position() + n);
            bytes.flip();
        }
    }

    private long newlines(int from, int to) {
        byte[] array = bytes.array();
        long count = 0;
        for (int i = from; i < to; i++) {
            if (array[i] == '\n') count++;
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
