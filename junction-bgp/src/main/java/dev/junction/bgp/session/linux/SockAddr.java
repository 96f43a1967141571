package dev.junction.bgp.session.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct sockaddr_in} and {@code sockaddr_in6} in native memory. Family is host order, port network order.
 * An IPv4 address on an IPv6 socket is written v4-mapped ({@code ::ffff:a.b.c.d}), which is how a dual-stack
 * listener sees IPv4 peers and how the kernel matches their TCP-MD5 keys.
 */
final class SockAddr {
    static final long STORAGE_SIZE = 128;
    static final long IN_SIZE = 16;
    static final long IN6_SIZE = 28;
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /** Writes {@code address} for a socket of {@code family} into a new segment of the exact struct size. */
    static MemorySegment of(Arena arena, InetSocketAddress address, int family) {
        MemorySegment s = arena.allocate(family == Libc.AF_INET6 ? IN6_SIZE : IN_SIZE, 4);
        write(s, address, family);
        return s;
    }

    /** Writes into {@code s} (at least the struct size for {@code family}, zeroed beyond what is written). */
    static void write(MemorySegment s, InetSocketAddress address, int family) {
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        if (family == Libc.AF_INET) {
            if (raw.length != 4) throw new IllegalArgumentException(ip.getHostAddress() + " on an IPv4 socket");
            s.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
            s.set(PORT, 2, (short) address.getPort());
            MemorySegment.copy(raw, 0, s, JAVA_BYTE, 4, 4);
        } else {
            s.set(JAVA_SHORT, 0, (short) Libc.AF_INET6);
            s.set(PORT, 2, (short) address.getPort());
            byte[] v6 = raw.length == 16 ? raw : mapped(raw);
            MemorySegment.copy(v6, 0, s, JAVA_BYTE, 8, 16);
            if (ip instanceof Inet6Address six && six.getScopeId() != 0) s.set(ValueLayout.JAVA_INT, 24, six.getScopeId());
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /** Reads a sockaddr the kernel wrote; a v4-mapped IPv6 address comes back as the IPv4 address. */
    static InetSocketAddress read(MemorySegment s) {
        int family = s.get(JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(s.get(PORT, 2));
        try {
            if (family == Libc.AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(s.asSlice(4, 4).toArray(JAVA_BYTE)), port);
            }
            if (family == Libc.AF_INET6) {
                // getByAddress turns a v4-mapped address into an Inet4Address, which is what peers are keyed by.
                InetAddress a = InetAddress.getByAddress(s.asSlice(8, 16).toArray(JAVA_BYTE));
                return new InetSocketAddress(a, port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("address family " + family);
    }

    static int familyFor(InetAddress a) {
        return a instanceof Inet4Address ? Libc.AF_INET : Libc.AF_INET6;
    }
}
