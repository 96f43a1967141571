package dev.junction.bgp.session;

import java.io.IOException;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    private record Registration(PeerTransport peer, Consumer<BgpSocket> handler) {
    }

    private final SocketFactory factory;
    private final BgpListenSocket server;
    private final Map<InetAddress, Registration> peers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Listener(SocketFactory factory, InetSocketAddress bind) throws IOException {
        this.factory = factory;
        this.server = factory.listener(bind);
    }

    public void start() {
        server.ioThreads().name("bgp-listener-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.local().getPort();
    }

    public InetSocketAddress address() {
        return server.local();
    }

    /** Routes connections from {@code peer}'s address to {@code handler} (called on the listener thread). */
    public void register(PeerTransport peer, Consumer<BgpSocket> handler) throws IOException {
        factory.allowPeer(server, peer);
        peers.put(peer.address(), new Registration(peer, handler));
    }

    public void unregister(InetAddress address) {
        Registration r = peers.remove(address);
        if (r == null) return;
        try {
            factory.forgetPeer(server, r.peer());
        } catch (IOException e) {
            LOG.log(Logger.Level.WARNING, "could not remove the TCP-MD5 key of " + address.getHostAddress() + ": " + e.getMessage());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            BgpSocket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Logger.Level.WARNING, "accept failed on port " + port() + ": " + e.getMessage());
                if (server.isClosed()) return;
                continue;
            }
            Registration r = s.remote() == null ? null : peers.get(s.remote().getAddress());
            if (r == null) {
                LOG.log(Logger.Level.INFO, "refusing connection from unconfigured " + s.remote());
                s.close();
                continue;
            }
            try {
                factory.accepted(s, r.peer());
                r.handler().accept(s);
            } catch (IOException | RuntimeException e) {
                LOG.log(Logger.Level.WARNING, "dropping connection from " + s.remote() + ": " + e);
                s.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.close();
    }
}
