package dev.junction.bgp.session.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The socket options of a BGP session that need a descriptor: TCP-MD5 (RFC 2385) and the unicast TTL with its
 * receive-side minimum (GTSM, RFC 5082).
 */
final class TcpOptions {
    /** {@code TCP_MD5SIG_MAXKEYLEN}. */
    static final int MD5_MAX_KEY = 80;
    /** {@code struct tcp_md5sig}: sockaddr_storage, flags, prefixlen, keylen (u16), ifindex (u32), key[80]. */
    private static final long MD5SIG_SIZE = 128 + 1 + 1 + 2 + 4 + MD5_MAX_KEY;
    private static final long MD5_KEYLEN_OFFSET = 130;
    private static final long MD5_KEY_OFFSET = 136;

    private TcpOptions() {
    }

    /**
     * Installs (or, with an empty password, removes) the key for segments to and from {@code peer}. On a listening
     * socket this admits the peer's keyed SYN; on a connecting socket it signs our segments.
     */
    static void md5(int fd, int family, InetAddress peer, String password) throws IOException {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        if (key.length > MD5_MAX_KEY) throw new IllegalArgumentException("TCP-MD5 key longer than " + MD5_MAX_KEY + " octets");
        if (family == Libc.AF_INET && !(peer instanceof Inet4Address)) {
            throw new IllegalArgumentException("IPv6 peer " + peer.getHostAddress() + " on an IPv4 socket");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sig = a.allocate(MD5SIG_SIZE, 8);
            SockAddr.write(sig, new InetSocketAddress(peer, 0), family);
            sig.set(JAVA_SHORT, MD5_KEYLEN_OFFSET, (short) key.length);
            MemorySegment.copy(key, 0, sig, JAVA_BYTE, MD5_KEY_OFFSET, key.length);
            Libc.setsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_MD5SIG, sig);
        }
    }

    /** The TTL (hop limit) of our packets to {@code peer}; an IPv4 peer on an IPv6 socket needs IP_TTL too. */
    static void ttl(int fd, int family, InetAddress peer, int ttl) throws IOException {
        if (family == Libc.AF_INET6) Libc.setsockopt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_UNICAST_HOPS, ttl);
        if (family == Libc.AF_INET || peer instanceof Inet4Address) Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_TTL, ttl);
    }

    /** Drops received packets whose TTL is below {@code minTtl} (GTSM: 255 minus the allowed hops). */
    static void minTtl(int fd, int family, int minTtl) throws IOException {
        if (family == Libc.AF_INET6) Libc.setsockopt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_MINHOPCOUNT, minTtl);
        // IPv4 peers of a dual-stack socket are checked against IP_MINTTL.
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MINTTL, minTtl);
    }

    static void noDelay(int fd) throws IOException {
        Libc.setsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, 1);
    }
}
