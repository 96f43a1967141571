package dev.junction.netlink;

import java.nio.ByteBuffer;

/**
 * Where requests go and datagrams come from: the kernel ({@link NetlinkSocket}) or, in unit tests, canned
 * replies. One datagram may carry several netlink messages.
 */
interface Transport extends AutoCloseable {
    void send(byte[] message) throws NetlinkException;

    /** Blocks for the next datagram, in a buffer of its own. */
    ByteBuffer receive() throws NetlinkException;

    @Override
    void close();
}
