package dev.junction.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink request: the header, the fixed family struct written field by field, then attributes,
 * each padded to four bytes. Multi-byte fields are in host order, as netlink wants, except where a kernel
 * struct says network order (ports, addresses), which have their own methods.
 *
 * <p>The length and sequence number are written by {@link #finish}, so one writer can be sent again
 * (a retried dump) under a new sequence number.
 */
final class MessageWriter {
    /** The largest request (a netlink attribute length is 16 bits); most are well under 256 bytes. */
    private static final int MAX = 64 * 1024;
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    MessageWriter(int type, int flags) {
        buf.putInt(0); // length, set by finish
        buf.putShort((short) type);
        buf.putShort((short) (flags | Netlink.NLM_F_REQUEST));
        buf.putInt(0); // sequence, set by finish
        buf.putInt(0); // port id: 0 lets the kernel fill in ours
    }

    /** Room for {@code n} more bytes: a request grows as it needs, a route install stays a few hundred bytes. */
    private void ensure(int n) {
        if (buf.remaining() >= n) return;
        int size = buf.capacity();
        while (size - buf.position() < n) size *= 2;
        if (size > MAX) throw new IllegalArgumentException("netlink request over " + MAX + " bytes");
        ByteBuffer bigger = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }

    MessageWriter u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    MessageWriter u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    MessageWriter u32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    MessageWriter zeros(int n) {
        ensure(n);
        buf.put(new byte[n]);
        return this;
    }

    MessageWriter attr(int type, byte[] payload) {
        int length = 4 + payload.length;
        ensure(length + 3);
        buf.putShort((short) length);
        buf.putShort((short) type);
        buf.put(payload);
        pad();
        return this;
    }

    MessageWriter attrU8(int type, int v) {
        return attr(type, new byte[] {(byte) v});
    }

    MessageWriter attrU16(int type, int v) {
        return attr(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array());
    }

    /** A 16-bit value in network byte order, such as a UDP port. */
    MessageWriter attrBe16(int type, int v) {
        return attr(type, new byte[] {(byte) (v >> 8), (byte) v});
    }

    MessageWriter attrU32(int type, int v) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
    }

    /** A NUL-terminated string, as the kernel's NLA_STRING and NLA_NUL_STRING policies both accept. */
    MessageWriter attrString(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(b, b.length + 1));
    }

    MessageWriter attrAddress(int type, InetAddress address) {
        return attr(type, address.getAddress());
    }

    /** Starts a nested attribute; returns the position to give to {@link #endNested}. */
    int beginNested(int type) {
        ensure(4);
        int start = buf.position();
        buf.putShort((short) 0);
        buf.putShort((short) type);
        return start;
    }

    void endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
    }

    private void pad() {
        while ((buf.position() & 3) != 0) buf.put((byte) 0);
    }

    /** The bytes of the request under sequence number {@code seq}. */
    byte[] finish(int seq) {
        buf.putInt(0, buf.position());
        buf.putInt(8, seq);
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
