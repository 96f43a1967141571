package dev.junction.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A NETLINK_ROUTE socket: bound with port id 0 (the kernel picks one), extended acks on (error replies carry
 * the kernel's text), capped acks (an error does not echo our whole request back), and a receive timeout so a
 * lost reply surfaces as an error instead of a hung controller.
 *
 * <p>A socket belongs to the network namespace of the thread that created it, for its whole life, whichever
 * thread uses it later; {@link #openIn} relies on that.
 */
final class NetlinkSocket implements Transport {
    private static final int SOCKADDR_NL_SIZE = 12;
    private static final int BUFFER_SIZE = 64 * 1024;
    static final long RECEIVE_TIMEOUT_SECONDS = 30;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment receiveBuffer;
    private final MemorySegment sendBuffer;
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
        this.kernel = sockaddrNl(arena);
        this.receiveBuffer = arena.allocate(BUFFER_SIZE, 8);
        this.sendBuffer = arena.allocate(BUFFER_SIZE, 8);
    }

    /** A socket in the calling thread's network namespace. */
    static NetlinkSocket open() throws NetlinkException {
        return open(Libc.NETLINK_ROUTE);
    }

    /** A socket of another netlink family, such as {@link Libc#NETLINK_NETFILTER} for conntrack. */
    static NetlinkSocket open(int protocol) throws NetlinkException {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        try {
            Libc.setsockopt(fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1);
            Libc.setsockopt(fd, Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, 1);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment timeout = a.allocate(16, 8); // struct timeval
                timeout.set(JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS);
                timeout.set(JAVA_LONG, 8, 0L);
                Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout);
                Libc.bind(fd, sockaddrNl(a));
            }
            return new NetlinkSocket(fd);
        } catch (NetlinkException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * A socket inside the network namespace of {@code netnsFile} (such as {@code /var/run/netns/NAME}): a new
     * platform thread enters the namespace with setns(2), creates the socket and ends, so no thread of this
     * JVM stays in the other namespace. (Virtual threads cannot do this: they move between carriers.)
     */
    static NetlinkSocket openIn(Path netnsFile) throws NetlinkException {
        return openIn(netnsFile, Libc.NETLINK_ROUTE);
    }

    static NetlinkSocket openIn(Path netnsFile, int protocol) throws NetlinkException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netlink-netns-" + netnsFile.getFileName()).start(() -> {
            try {
                int ns = Libc.open(netnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
                try {
                    Libc.setns(ns, Libc.CLONE_NEWNET);
                } finally {
                    Libc.close(ns);
                }
                result.set(open(protocol));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a netlink socket in " + netnsFile, e);
        }
        return switch (result.get()) {
            case NetlinkSocket s -> s;
            case NetlinkException e -> throw new NetlinkException("open netlink socket in " + netnsFile + ": " + e.request(), e.errno(), null);
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Object o -> throw new IllegalStateException("unexpected " + o);
        };
    }

    /** sockaddr_nl with port id 0 and no multicast groups: for bind, our own address; for sendto, the kernel's. */
    private static MemorySegment sockaddrNl(Arena a) {
        MemorySegment s = a.allocate(SOCKADDR_NL_SIZE, 4);
        s.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        return s;
    }

    @Override
    public void send(byte[] message) throws NetlinkException {
        checkOpen();
        if (message.length > BUFFER_SIZE) throw new IllegalArgumentException("request of " + message.length + " bytes");
        MemorySegment.copy(message, 0, sendBuffer, JAVA_BYTE, 0, message.length);
        Libc.sendto(fd, sendBuffer, message.length, kernel);
    }

    @Override
    public ByteBuffer receive() throws NetlinkException {
        checkOpen();
        // MSG_TRUNC makes recv return the datagram's real length, so a reply too big for the buffer is an error.
        long n = Libc.recv(fd, receiveBuffer, BUFFER_SIZE, Libc.MSG_TRUNC);
        if (n > BUFFER_SIZE) throw new IllegalStateException("netlink datagram of " + n + " bytes truncated to " + BUFFER_SIZE);
        // A copy: a dump's messages are kept across datagrams while this buffer is reused.
        return ByteBuffer.wrap(receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE)).order(ByteOrder.nativeOrder());
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("netlink socket closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        arena.close();
    }
}
