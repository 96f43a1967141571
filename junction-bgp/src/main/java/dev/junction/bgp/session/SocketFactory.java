package dev.junction.bgp.session;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the sockets of BGP sessions. {@link PlainSocketFactory} uses java.net and refuses what it cannot do
 * (a TCP-MD5 password); {@link dev.junction.bgp.session.linux.NativeSocketFactory} sets TCP-MD5 (RFC 2385, keyed by
 * peer address on both the connecting and the listening socket) and the unicast TTL on raw descriptors.
 */
public interface SocketFactory {
    /** An unconnected socket for an outbound session, bound to the local address/port if configured. */
    BgpSocket outbound(PeerTransport peer) throws IOException;

    /** A bound, listening socket shared by all peers. */
    BgpListenSocket listener(InetSocketAddress bind) throws IOException;

    /** A peer is now accepted on {@code listener} (where TCP-MD5 installs its key). */
    default void allowPeer(BgpListenSocket listener, PeerTransport peer) throws IOException {
    }

    /** A peer is no longer accepted (its key, if any, is removed). */
    default void forgetPeer(BgpListenSocket listener, PeerTransport peer) throws IOException {
    }

    /** Options for an accepted connection before it is used. */
    default void accepted(BgpSocket socket, PeerTransport peer) throws IOException {
    }
}
