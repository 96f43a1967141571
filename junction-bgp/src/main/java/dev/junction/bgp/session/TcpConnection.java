package dev.junction.bgp.session;

import dev.junction.bgp.fsm.Connection;
import dev.junction.bgp.wire.DecodeError;
import dev.junction.bgp.wire.Frame;
import dev.junction.bgp.wire.FrameResult;
import dev.junction.bgp.wire.Framer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blocking TCP connection of a BGP session. A reader thread cuts frames out of the stream ({@link Framer})
 * and hands them to the {@link Sink} undecoded: decoding happens on the peer's own thread with the negotiated
 * context. A writer thread drains a queue, so that sending never blocks the peer's thread; writes go out in the
 * order queued. Both run on the socket's {@link BgpSocket#ioThreads}: virtual for java.net sockets, platform threads
 * for native descriptors.
 */
public final class TcpConnection implements Connection {
    /** Where the connection reports; called from the reader or writer thread, so implementations post onwards. */
    public interface Sink {
        void frame(TcpConnection c, Frame frame);

        /** A Message Header Error (RFC 4271 §6.1); the reader stops. */
        void framingError(TcpConnection c, DecodeError error);

        /** The connection is gone (peer closed, reset, I/O error); reported once. */
        void closed(TcpConnection c, String why);
    }

    /** A peer that stops reading must not make us buffer without bound. */
    static final long MAX_QUEUED_BYTES = 32L << 20;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);
    private static final byte[] CLOSE = new byte[0];

    private final BgpSocket socket;
    private final boolean inbound;
    private final Sink sink;
    private final String name;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean extended;
    private volatile boolean readerDone;

    public TcpConnection(BgpSocket socket, boolean inbound, Sink sink, String name) {
        this.socket = socket;
        this.inbound = inbound;
        this.sink = sink;
        this.name = name;
    }

    public void start() {
        socket.ioThreads().name(name + "-reader").start(this::readLoop);
        socket.ioThreads().name(name + "-writer").start(this::writeLoop);
    }

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public void extendedMessages(boolean enabled) {
        extended = enabled;
    }

    public InetSocketAddress local() {
        return socket.local();
    }

    public InetSocketAddress remote() {
        return socket.remote();
    }

    /** Queues one complete message; never blocks. Dropped after {@link #close}. */
    public void send(byte[] message) {
        if (closing.get()) return;
        if (queuedBytes.addAndGet(message.length) > MAX_QUEUED_BYTES) {
            closeNow();
            report("send queue over " + MAX_QUEUED_BYTES + " octets: the peer is not reading");
            return;
        }
        outbox.add(message);
    }

    /** Closes after the queued messages are written (a final NOTIFICATION gets out), or after a grace period. */
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        outbox.add(CLOSE);
        Thread.ofVirtual().name(name + "-closer").start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE);
            } catch (InterruptedException e) {
                // close anyway
            }
            closeNow();
        });
    }

    /** Closes at once, dropping what is queued. */
    public void closeNow() {
        closing.set(true);
        socket.close();
        outbox.add(CLOSE);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    private void readLoop() {
        Framer framer = new Framer();
        byte[] buf = new byte[65536];
        try {
            // Not try-with-resources: closing a socket's input stream closes the socket.
            InputStream in = socket.input();
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    report(closing.get() ? "closed" : "closed by the peer");
                    break;
                }
                framer.feed(ByteBuffer.wrap(buf, 0, n));
                framer.extendedMessages(extended);
                for (FrameResult r = framer.next(); !(r instanceof FrameResult.NeedMore); r = framer.next()) {
                    if (r instanceof FrameResult.Complete c) {
                        sink.frame(this, c.frame());
                    } else if (r instanceof FrameResult.Failed f) {
                        // Stop reading but leave the socket open: the FSM sends its NOTIFICATION, then closes.
                        readerDone = true;
                        sink.framingError(this, f.error());
                        return;
                    }
                }
            }
        } catch (IOException e) {
            report(closing.get() ? "closed locally" : "read failed: " + e.getMessage());
        }
        readerDone = true;
        closeNow();
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.output();
            while (true) {
                byte[] m = outbox.take();
                if (m == CLOSE) {
                    // FIN after the last message, but keep reading until the peer closes too: closing with unread
                    // input would send a RST, and the peer could lose our NOTIFICATION.
                    if (!socket.isClosed()) socket.shutdownOutput();
                    if (readerDone) closeNow();
                    return;
                }
                out.write(m);
                out.flush();
                queuedBytes.addAndGet(-m.length);
            }
        } catch (IOException e) {
            report("write failed: " + e.getMessage());
            closeNow();
        } catch (InterruptedException e) {
            closeNow();
        }
    }

    private void report(String why) {
        if (reported.compareAndSet(false, true)) sink.closed(this, why);
    }

    @Override
    public String toString() {
        return name;
    }
}
