package dev.junction.bgp.wire;

/**
 * A cursor over a slice of a byte array. Callers check {@link #remaining()} before every read: the decoders
 * must never read past a length field, and a read past the slice is a decoder bug that the fuzz test catches
 * as an exception.
 */
final class WireReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) throw new IndexOutOfBoundsException();
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    int remaining() {
        return limit - pos;
    }

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    private void need(int n) {
        if (n < 0 || n > limit - pos) throw new IndexOutOfBoundsException("read of " + n + " with " + (limit - pos) + " left");
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int peekU8() {
        need(1);
        return buf[pos] & 0xFF;
    }

    int u16() {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32() {
        need(4);
        long v = ((buf[pos] & 0xFFL) << 24) | ((buf[pos + 1] & 0xFFL) << 16) | ((buf[pos + 2] & 0xFFL) << 8) | (buf[pos + 3] & 0xFFL);
        pos += 4;
        return v;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A reader over the next {@code n} octets; this reader moves past them. */
    WireReader slice(int n) {
        need(n);
        WireReader r = new WireReader(buf, pos, n);
        pos += n;
        return r;
    }

    /** Copy of {@code [from, to)} of the underlying array, for NOTIFICATION data. */
    byte[] copyRange(int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(buf, from, out, 0, out.length);
        return out;
    }
}
