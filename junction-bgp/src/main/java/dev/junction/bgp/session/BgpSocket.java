package dev.junction.bgp.session;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * One TCP connection of a BGP session, before or after connect: java.net ({@link PlainSocketFactory}) or a native
 * descriptor with TCP-MD5 and TTL ({@link dev.junction.bgp.session.linux.NativeSocketFactory}). Only what a
 * session uses: connect with a timeout, the two streams, the addresses, a half close and a close that wakes any
 * thread blocked in I/O on it.
 */
public interface BgpSocket extends Closeable {
    /** Connects; a concurrent {@link #close} makes it fail promptly. */
    void connect(InetSocketAddress remote, int timeoutMillis) throws IOException;

    boolean isConnected();

    boolean isClosed();

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    InetSocketAddress local();

    InetSocketAddress remote();

    /** Sends FIN after what is written; reading goes on. */
    void shutdownOutput() throws IOException;

    @Override
    void close();

    /**
     * Threads for blocking I/O on this socket. Virtual for java.net, whose blocking calls park a virtual thread
     * cheaply; platform threads for a native descriptor, because a blocked downcall pins the carrier thread and
     * two such readers would stall every virtual thread on a two-core machine.
     */
    Thread.Builder ioThreads();
}
