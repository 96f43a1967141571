package dev.junction.bgp.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach one peer over TCP.
 *
 * @param remote         the peer's address and port (179, RFC 4271 §8.2.1)
 * @param localAddress   source address for outbound connections, or null for the kernel's choice; also the address
 *                       a multi-homed node wants the peer to see as its NEXT_HOP
 * @param localPort      source port for outbound connections, 0 for an ephemeral one
 * @param ttl            IP TTL for the session, 0 for the kernel default (64 on Linux). JDK 25 has no unicast TTL
 *                       option, so a non-zero value takes effect with the native socket factory.
 * @param md5Password    TCP-MD5 key (RFC 2385); needs {@link dev.junction.bgp.session.linux.NativeSocketFactory}
 * @param connectTimeout how long an outbound connect may take
 */
public record PeerTransport(InetSocketAddress remote, InetAddress localAddress, int localPort, int ttl,
                            Optional<String> md5Password, Duration connectTimeout) {
    public PeerTransport {
        if (remote == null || remote.isUnresolved()) throw new IllegalArgumentException("remote needs a literal address");
        if (localPort < 0 || localPort > 0xFFFF) throw new IllegalArgumentException("local port " + localPort);
        if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("TTL " + ttl);
        md5Password = md5Password == null ? Optional.empty() : md5Password;
    }

    public static PeerTransport of(InetAddress address, int port, InetAddress localAddress) {
        return new PeerTransport(new InetSocketAddress(address, port), localAddress, 0, 0, Optional.empty(), Duration.ofSeconds(5));
    }

    /** Without the password: transports get logged. */
    @Override
    public String toString() {
        return "PeerTransport[" + remote + (localAddress != null ? " from " + localAddress.getHostAddress() : "")
                + (ttl != 0 ? " ttl " + ttl : "") + (md5Password.isPresent() ? " password <hidden>" : "") + "]";
    }

    public InetAddress address() {
        return remote.getAddress();
    }
}
