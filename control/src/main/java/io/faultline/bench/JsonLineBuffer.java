package io.faultline.bench;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes ASCII JSON lines straight into a byte buffer: at ten million operations a JSON library's per-field work is
 * most of the time. Subclasses write their fields with {@link #ascii} and {@link #number}, calling {@link #room} first.
 */
class JsonLineBuffer {
    private final OutputStream out;
    protected final byte[] buf = new byte[1 << 20];
    protected int pos;

    JsonLineBuffer(OutputStream out) {
        this.out = out;
    }

    /** Makes room for {@code bytes} more. */
    protected void room(int bytes) throws IOException {
        if (pos > buf.length - bytes) drain();
    }

    /** Keys, types and names here are ASCII by construction. */
    protected void ascii(String s) {
        for (int i = 0; i < s.length(); i++) buf[pos++] = (byte) s.charAt(i);
    }

    protected void number(long n) {
        if (n < 0) {
            ascii(Long.toString(n));
            return;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }
}
