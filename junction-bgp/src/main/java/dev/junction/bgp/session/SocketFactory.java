package dev.junction.bgp.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Creates the sockets of BGP sessions. The seam for what java.net cannot do: TCP-MD5 (RFC 2385, Linux
 * {@code setsockopt(TCP_MD5SIG)} keyed by peer address on both the connecting and the listening socket) and
 * unicast TTL / GTSM ({@code IP_TTL}, {@code IP_MINTTL}). A later FFM-based factory will set those on the socket's
 * descriptor; {@link PlainSocketFactory} is the java.net one and refuses MD5 passwords rather than running without.
 */
public interface SocketFactory {
    /** An unconnected socket for an outbound session, bound to the local address/port if configured. */
    Socket outbound(PeerTransport peer) throws IOException;

    /** A bound, listening socket shared by all peers. */
    ServerSocket listener(InetSocketAddress bind) throws IOException;

    /** A peer is now accepted on {@code listener} (where TCP-MD5 would install its key). */
    default void allowPeer(ServerSocket listener, PeerTransport peer) throws IOException {
    }

    /** Options for an accepted connection before it is used. */
    default void accepted(Socket socket, PeerTransport peer) throws IOException {
    }
}
