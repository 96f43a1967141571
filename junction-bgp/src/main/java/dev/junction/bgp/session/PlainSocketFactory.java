package dev.junction.bgp.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** java.net sockets: local address/port binding and TCP_NODELAY; no TCP-MD5, TTL only if the JDK offers it. */
public final class PlainSocketFactory implements SocketFactory {
    public static final PlainSocketFactory INSTANCE = new PlainSocketFactory();

    @Override
    public BgpSocket outbound(PeerTransport peer) throws IOException {
        refuseMd5(peer);
        Socket s = new Socket();
        try {
            SocketOptions.common(s);
            SocketOptions.ttl(s, peer.ttl());
            if (peer.localAddress() != null || peer.localPort() != 0) {
                // A fixed source port (e.g. 179) shares the port with the listener.
                if (peer.localPort() != 0) s.setReuseAddress(true);
                s.bind(new InetSocketAddress(peer.localAddress(), peer.localPort()));
            }
            return new JavaNetSocket(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public BgpListenSocket listener(InetSocketAddress bind) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(bind, 64);
            return new JavaNetSocket.Listening(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void allowPeer(BgpListenSocket listener, PeerTransport peer) throws IOException {
        refuseMd5(peer);
    }

    @Override
    public void accepted(BgpSocket socket, PeerTransport peer) throws IOException {
        Socket s = ((JavaNetSocket) socket).socket();
        SocketOptions.common(s);
        SocketOptions.ttl(s, peer.ttl());
    }

    private static void refuseMd5(PeerTransport peer) throws IOException {
        if (peer.md5Password().isPresent()) {
            throw new IOException("TCP-MD5 (RFC 2385) needs the native socket factory; refusing to run " + peer.remote() + " unauthenticated");
        }
    }
}
