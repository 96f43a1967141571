package dev.junction.bgp.session.linux;

import dev.junction.bgp.session.BgpListenSocket;
import dev.junction.bgp.session.BgpSocket;
import dev.junction.bgp.session.PeerTransport;
import dev.junction.bgp.session.SocketFactory;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sockets on raw Linux descriptors (FFM): TCP-MD5 keys (RFC 2385) on the connecting socket and on the shared
 * listener, one per peer address, and the unicast TTL for eBGP multihop. The speaker uses it when any peer has a
 * password or a TTL; otherwise the java.net factory, whose virtual threads are cheaper, does the work.
 */
public final class NativeSocketFactory implements SocketFactory {
    public static final NativeSocketFactory INSTANCE = new NativeSocketFactory();
    private static final int BACKLOG = 64;

    private NativeSocketFactory() {
    }

    /** Whether this platform can do it (Linux, and the JVM allowed native access). */
    public static boolean available() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) return false;
        try {
            Libc.strerror(0);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public BgpSocket outbound(PeerTransport peer) throws IOException {
        NativeSocket s = NativeSocket.open(SockAddr.familyFor(peer.address()));
        try {
            s.with(fd -> {
                TcpOptions.noDelay(fd);
                if (peer.md5Password().isPresent()) TcpOptions.md5(fd, s.family(), peer.address(), peer.md5Password().get());
                if (peer.ttl() != 0) TcpOptions.ttl(fd, s.family(), peer.address(), peer.ttl());
                // A fixed source port (e.g. 179) shares the port with the listener.
                if (peer.localPort() != 0) Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
                return null;
            });
            if (peer.localAddress() != null || peer.localPort() != 0) {
                s.bind(peer.localAddress() == null ? new InetSocketAddress(peer.localPort()) : new InetSocketAddress(peer.localAddress(), peer.localPort()));
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public BgpListenSocket listener(InetSocketAddress bind) throws IOException {
        return NativeListenSocket.open(bind, BACKLOG);
    }

    @Override
    public void allowPeer(BgpListenSocket listener, PeerTransport peer) throws IOException {
        if (peer.md5Password().isEmpty()) return;
        NativeListenSocket l = (NativeListenSocket) listener;
        l.with(fd -> {
            TcpOptions.md5(fd, l.family(), peer.address(), peer.md5Password().get());
            return null;
        });
    }

    @Override
    public void forgetPeer(BgpListenSocket listener, PeerTransport peer) throws IOException {
        if (peer.md5Password().isEmpty()) return;
        NativeListenSocket l = (NativeListenSocket) listener;
        l.with(fd -> {
            TcpOptions.md5(fd, l.family(), peer.address(), "");
            return null;
        });
    }

    @Override
    public void accepted(BgpSocket socket, PeerTransport peer) throws IOException {
        NativeSocket s = (NativeSocket) socket;
        s.with(fd -> {
            TcpOptions.noDelay(fd);
            if (peer.ttl() != 0) TcpOptions.ttl(fd, s.family(), peer.address(), peer.ttl());
            return null;
        });
    }
}
