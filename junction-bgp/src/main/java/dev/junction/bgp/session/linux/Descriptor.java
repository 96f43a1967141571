package dev.junction.bgp.session.linux;

import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket descriptor shared by the threads that block on it, closed safely. Closing shuts the socket down
 * first, which wakes a thread blocked in recv, send or accept; the number itself is released only when no call is
 * using it any more. Releasing it earlier would let the kernel hand the same number to a new file while a thread
 * is still about to call recv on it, and that thread would read someone else's data.
 */
final class Descriptor {
    private final int fd;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    Descriptor(int fd) {
        this.fd = fd;
    }

    /** The number, for a call between {@link #begin} and {@link #end}. */
    int fd() {
        return fd;
    }

    boolean isClosed() {
        return closed;
    }

    /** A native call on the descriptor number. */
    interface Call<T> {
        T apply(int fd) throws IOException;
    }

    /** Runs {@code op} with the number held open: a concurrent close waits to release it until {@code op} returns. */
    <T> T with(Call<T> op) throws IOException {
        begin();
        try {
            return op.apply(fd);
        } finally {
            end();
        }
    }

    /** Marks a call in progress; throws if the descriptor is already closed. */
    void begin() throws IOException {
        inUse.incrementAndGet();
        if (closed) {
            end();
            throw new SocketException("Socket closed");
        }
    }

    void end() {
        if (inUse.decrementAndGet() == 0 && closed) release();
    }

    /** Shuts the socket down (waking blocked calls) and releases the number once no call uses it. */
    void close() {
        if (closed) return;
        closed = true;
        try {
            Libc.shutdown(fd, Libc.SHUT_RDWR);
        } catch (IOException e) {
            // ENOTCONN for a socket that never connected: nothing to wake.
        }
        if (inUse.get() == 0) release();
    }

    private void release() {
        if (!released.compareAndSet(false, true)) return;
        try {
            Libc.close(fd);
        } catch (IOException e) {
            // The number is freed whatever close(2) reports.
        }
    }
}
