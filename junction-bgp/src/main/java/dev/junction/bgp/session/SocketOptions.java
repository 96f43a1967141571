package dev.junction.bgp.session;

import java.io.IOException;
import java.lang.System.Logger;
import java.net.Socket;
import java.net.SocketOption;
import java.util.Optional;

/**
 * Socket options for BGP sessions with what java.net offers. TTL: JDK 25 has no unicast IP_TTL option
 * ({@code StandardSocketOptions} has IP_TOS and the multicast TTL; {@code jdk.net.ExtendedSocketOptions} has
 * keepalive, quick-ack and the like). So a configured TTL is applied only if the socket implementation offers an
 * option named {@code IP_TTL}; otherwise the kernel default stays (64 on Linux, {@code net.ipv4.ip_default_ttl}).
 * The speaker therefore picks {@link dev.junction.bgp.session.linux.NativeSocketFactory} whenever a peer has a
 * TTL ({@code Speaker.socketsFor}); this path only matters for a caller that forces java.net sockets.
 */
final class SocketOptions {
    private static final Logger LOG = System.getLogger(SocketOptions.class.getName());

    private SocketOptions() {
    }

    static void common(Socket s) throws IOException {
        // BGP messages are small and latency matters more than segment count (keepalives, NOTIFICATIONs).
        s.setTcpNoDelay(true);
    }

    /** Applies the TTL if the platform can; returns whether it did. */
    @SuppressWarnings("unchecked")
    static boolean ttl(Socket s, int ttl) throws IOException {
        if (ttl == 0) return true;
        Optional<SocketOption<?>> option = s.supportedOptions().stream().filter(o -> o.name().equals("IP_TTL")).findFirst();
        if (option.isEmpty() || option.get().type() != Integer.class) {
            LOG.log(Logger.Level.WARNING, "TTL " + ttl + " requested but java.net has no IP_TTL option; the kernel default applies");
            return false;
        }
        s.setOption((SocketOption<Integer>) option.get(), ttl);
        return true;
    }
}
