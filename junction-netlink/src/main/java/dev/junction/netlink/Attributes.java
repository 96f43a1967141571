package dev.junction.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes (type-length-value, padded to four bytes) of a message or of a nested attribute, by type.
 * The type is read without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits; a repeated type keeps the last
 * value, as the kernel's own parser does. The final attribute may lack its padding (the kernel allows it).
 */
final class Attributes {
    private static final int TYPE_MASK = 0x3FFF;
    private final Map<Integer, ByteBuffer> values;

    private Attributes(Map<Integer, ByteBuffer> values) {
        this.values = values;
    }

    /** Parses the attributes of {@code buf} from {@code offset} to its limit. */
    static Attributes parse(ByteBuffer buf, int offset) {
        Map<Integer, ByteBuffer> values = new HashMap<>();
        int pos = offset;
        int end = buf.limit();
        while (end - pos >= 4) {
            int length = Short.toUnsignedInt(buf.getShort(pos));
            int type = Short.toUnsignedInt(buf.getShort(pos + 2)) & TYPE_MASK;
            if (length < 4 || length > end - pos) {
                throw new IllegalArgumentException("bad attribute length " + length + " (type " + type + ") at " + pos + " of " + end);
            }
            values.put(type, buf.slice(pos + 4, length - 4).order(ByteOrder.nativeOrder()));
            pos += Netlink.align(length);
        }
        return new Attributes(values);
    }

    boolean has(int type) {
        return values.containsKey(type);
    }

    Optional<ByteBuffer> get(int type) {
        return Optional.ofNullable(values.get(type)).map(ByteBuffer::duplicate);
    }

    int u8(int type, int absent) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 1 ? absent : Byte.toUnsignedInt(b.get(0));
    }

    int u16(int type, int absent) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 2 ? absent : Short.toUnsignedInt(b.getShort(0));
    }

    /** A 16-bit value in network byte order. */
    int be16(int type, int absent) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 2 ? absent : (Byte.toUnsignedInt(b.get(0)) << 8) | Byte.toUnsignedInt(b.get(1));
    }

    int u32(int type, int absent) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 4 ? absent : b.getInt(0);
    }

    /** A string without its trailing NUL (the kernel sends one; a missing one is tolerated). */
    Optional<String> string(int type) {
        ByteBuffer b = values.get(type);
        if (b == null) return Optional.empty();
        int n = b.limit();
        while (n > 0 && b.get(n - 1) == 0) n--;
        byte[] bytes = new byte[n];
        b.get(0, bytes);
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    Optional<byte[]> bytes(int type) {
        ByteBuffer b = values.get(type);
        if (b == null) return Optional.empty();
        byte[] bytes = new byte[b.limit()];
        b.get(0, bytes);
        return Optional.of(bytes);
    }

    /** An IPv4 or IPv6 address (4 or 16 bytes). */
    Optional<InetAddress> address(int type) {
        return bytes(type).filter(a -> a.length == 4 || a.length == 16).map(Attributes::inet);
    }

    Attributes nested(int type) {
        ByteBuffer b = values.get(type);
        return b == null ? new Attributes(Map.of()) : parse(b, 0);
    }

    /** 4 or 16 bytes as an address; 16 bytes stay IPv6 even when IPv4-mapped (InetAddress would fold them). */
    static InetAddress inet(byte[] raw) {
        try {
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + raw.length + " bytes", e);
        }
    }
}
