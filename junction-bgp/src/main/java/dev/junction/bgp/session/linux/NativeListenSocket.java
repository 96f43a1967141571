package dev.junction.bgp.session.linux;

import dev.junction.bgp.session.BgpListenSocket;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * A listening TCP socket on a raw descriptor, so that TCP-MD5 keys can be installed on it: the kernel checks the
 * SYN of a keyed peer against the listener's key list, and the accepted socket inherits the key. An IPv6 wildcard
 * listener is dual-stack (IPv4 peers appear v4-mapped). {@link #close} wakes the accepting thread: on Linux,
 * shutdown(2) of a listening socket makes a blocked accept(2) return EINVAL.
 */
public final class NativeListenSocket implements BgpListenSocket {
    private final Descriptor fd;
    private final int family;
    private final InetSocketAddress local;

    private NativeListenSocket(int fd, int family, InetSocketAddress local) {
        this.fd = new Descriptor(fd);
        this.family = family;
        this.local = local;
    }

    static NativeListenSocket open(InetSocketAddress bind, int backlog) throws IOException {
        int family = SockAddr.familyFor(bind.getAddress());
        int fd = Libc.socket(family, Libc.SOCK_STREAM);
        try (Arena a = Arena.ofConfined()) {
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
            if (family == Libc.AF_INET6 && bind.getAddress() instanceof Inet6Address six && six.isAnyLocalAddress()) {
                Libc.setsockopt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 0);
            }
            Libc.bind(fd, SockAddr.of(a, bind, family));
            Libc.listen(fd, backlog);
            return new NativeListenSocket(fd, family, SockAddr.read(Libc.sockname(a, fd, false)));
        } catch (IOException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    int family() {
        return family;
    }

    /** Runs {@code op} with the descriptor number held open. */
    <T> T with(Descriptor.Call<T> op) throws IOException {
        return fd.with(op);
    }

    @Override
    public NativeSocket accept() throws IOException {
        int c = with(Libc::accept);
        return NativeSocket.accepted(c, family);
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public boolean isClosed() {
        return fd.isClosed();
    }

    @Override
    public void close() {
        fd.close();
    }

    @Override
    public Thread.Builder ioThreads() {
        return Thread.ofPlatform().daemon(true);
    }
}
