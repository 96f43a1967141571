package dev.junction.bgp.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** {@link BgpSocket} over a java.net {@link Socket}; its blocking I/O parks virtual threads cheaply. */
final class JavaNetSocket implements BgpSocket {
    private final Socket socket;

    JavaNetSocket(Socket socket) {
        this.socket = socket;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void connect(InetSocketAddress remote, int timeoutMillis) throws IOException {
        socket.connect(remote, timeoutMillis);
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone anyway
        }
    }

    @Override
    public Thread.Builder ioThreads() {
        return Thread.ofVirtual();
    }

    /** {@link BgpListenSocket} over a java.net {@link ServerSocket}. */
    static final class Listening implements BgpListenSocket {
        private final ServerSocket server;

        Listening(ServerSocket server) {
            this.server = server;
        }

        @Override
        public BgpSocket accept() throws IOException {
            return new JavaNetSocket(server.accept());
        }

        @Override
        public InetSocketAddress local() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public boolean isClosed() {
            return server.isClosed();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // gone anyway
            }
        }

        @Override
        public Thread.Builder ioThreads() {
            return Thread.ofVirtual();
        }
    }
}
