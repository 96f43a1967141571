package dev.junction.bgp.session;

import java.io.IOException;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The passive side: one listening socket shared by all peers (RFC 4271 §8.2.1: a speaker listens on port 179). An
 * accepted connection goes to the peer configured with its remote address; a connection from any other address is
 * closed at once, before a single octet is read.
 */
public final class Listener implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Listener.class.getName());

    private record Registration(PeerTransport peer, Consumer<Socket> handler) {
    }

    private final SocketFactory factory;
    private final ServerSocket server;
    private final Map<InetAddress, Registration> peers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Listener(SocketFactory factory, InetSocketAddress bind) throws IOException {
        this.factory = factory;
        this.server = factory.listener(bind);
    }

    public void start() {
        Thread.ofVirtual().name("bgp-listener-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Routes connections from {@code peer}'s address to {@code handler} (called on the listener thread). */
    public void register(PeerTransport peer, Consumer<Socket> handler) throws IOException {
        factory.allowPeer(server, peer);
        peers.put(peer.address(), new Registration(peer, handler));
    }

    public void unregister(InetAddress address) {
        peers.remove(address);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Logger.Level.WARNING, "accept failed on port " + port() + ": " + e.getMessage());
                if (server.isClosed()) return;
                continue;
            }
            Registration r = peers.get(s.getInetAddress());
            if (r == null) {
                LOG.log(Logger.Level.INFO, "refusing connection from unconfigured " + s.getRemoteSocketAddress());
                closeQuietly(s);
                continue;
            }
            try {
                factory.accepted(s, r.peer());
                r.handler().accept(s);
            } catch (IOException | RuntimeException e) {
                LOG.log(Logger.Level.WARNING, "dropping connection from " + s.getRemoteSocketAddress() + ": " + e);
                closeQuietly(s);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
