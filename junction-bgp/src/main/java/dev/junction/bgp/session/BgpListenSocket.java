package dev.junction.bgp.session;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening socket shared by all peers; {@link #close} wakes a thread blocked in {@link #accept}. */
public interface BgpListenSocket extends Closeable {
    BgpSocket accept() throws IOException;

    InetSocketAddress local();

    boolean isClosed();

    @Override
    void close();

    /** Threads for the blocking accept loop (see {@link BgpSocket#ioThreads}). */
    Thread.Builder ioThreads();
}
