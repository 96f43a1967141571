package dev.junction.bgp.session.linux;

import dev.junction.bgp.session.BgpSocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A TCP socket on a raw descriptor, for what java.net cannot set: TCP-MD5 and the unicast TTL. I/O blocks in
 * recv/send on platform threads ({@link #ioThreads}); connect is non-blocking with poll in short slices, so that a
 * {@link #close} from another thread (the FSM giving up on an attempt) ends it within a slice.
 */
public final class NativeSocket implements BgpSocket {
    private static final int POLL_SLICE_MILLIS = 100;
    private static final int BUFFER = 64 * 1024;

    private final Descriptor fd;
    private final int family;
    private volatile boolean connected;
    private volatile InetSocketAddress local;
    private volatile InetSocketAddress remote;
    private InputStream in;
    private OutputStream out;

    private NativeSocket(int fd, int family, boolean connected) {
        this.fd = new Descriptor(fd);
        this.family = family;
        if (connected) markConnected();
    }

    /** A new unconnected TCP socket of {@code family} ({@link Libc#AF_INET} or {@link Libc#AF_INET6}). */
    static NativeSocket open(int family) throws IOException {
        return new NativeSocket(Libc.socket(family, Libc.SOCK_STREAM), family, false);
    }

    /** A connection that accept(2) returned. */
    static NativeSocket accepted(int fd, int family) {
        return new NativeSocket(fd, family, true);
    }

    int family() {
        return family;
    }

    /** Runs {@code op} with the descriptor number held open. */
    <T> T with(Descriptor.Call<T> op) throws IOException {
        return fd.with(op);
    }

    void bind(InetSocketAddress address) throws IOException {
        with(n -> {
            try (Arena a = Arena.ofConfined()) {
                Libc.bind(n, SockAddr.of(a, address, family));
            }
            return null;
        });
    }

    @Override
    public void connect(InetSocketAddress to, int timeoutMillis) throws IOException {
        with(n -> {
            Libc.nonBlocking(n, true);
            int err;
            try (Arena a = Arena.ofConfined()) {
                err = Libc.connect(n, SockAddr.of(a, to, family));
            }
            if (err == Libc.EINPROGRESS) {
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                while (true) {
                    if (fd.isClosed()) throw new SocketException("Socket closed");
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) throw new SocketTimeoutException("connect to " + to + " timed out");
                    if (Libc.poll(n, Libc.POLLOUT, (int) Math.min(left, POLL_SLICE_MILLIS)) != 0) break;
                }
                // A close during the wait shuts the socket down, which also ends the poll: report the close.
                if (fd.isClosed()) throw new SocketException("Socket closed");
                err = Libc.getsockoptInt(n, Libc.SOL_SOCKET, Libc.SO_ERROR);
            }
            if (err != 0) throw new ConnectException("connect to " + to + ": " + Libc.strerror(err));
            Libc.nonBlocking(n, false);
            return null;
        });
        markConnected();
    }

    private void markConnected() {
        try (Arena a = Arena.ofConfined()) {
            local = SockAddr.read(Libc.sockname(a, fd.fd(), false));
            remote = SockAddr.read(Libc.sockname(a, fd.fd(), true));
        } catch (IOException e) {
            // A connection reset before we asked: the first read reports it.
        }
        connected = true;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public synchronized InputStream input() {
        if (in == null) in = new In();
        return in;
    }

    @Override
    public synchronized OutputStream output() {
        if (out == null) out = new Out();
        return out;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void shutdownOutput() throws IOException {
        with(n -> {
            Libc.shutdown(n, Libc.SHUT_WR);
            return null;
        });
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public Thread.Builder ioThreads() {
        return Thread.ofPlatform().daemon(true);
    }

    /** One reader thread at a time, with its own native buffer. */
    private final class In extends InputStream {
        private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER);

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            long n = with(d -> Libc.recv(d, buffer, Math.min(len, BUFFER)));
            if (n == 0) return -1;
            MemorySegment.copy(buffer, JAVA_BYTE, 0, b, off, (int) n);
            return (int) n;
        }

        @Override
        public void close() {
            NativeSocket.this.close();
        }
    }

    /** One writer thread at a time, with its own native buffer; a write returns when all of it is sent. */
    private final class Out extends OutputStream {
        private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER);

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int chunk = Math.min(len, BUFFER);
                MemorySegment.copy(b, off, buffer, JAVA_BYTE, 0, chunk);
                long sent = 0;
                while (sent < chunk) {
                    long from = sent;
                    sent += with(d -> Libc.send(d, buffer.asSlice(from), chunk - from));
                }
                off += chunk;
                len -= chunk;
            }
        }

        @Override
        public void close() {
            NativeSocket.this.close();
        }
    }
}
