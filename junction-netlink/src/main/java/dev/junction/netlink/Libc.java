package dev.junction.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library calls a netlink socket and a namespace switch need, through the FFM API, with errno captured
 * right after each call (the JVM may clobber it before Java code could read it). The constants are the same on
 * every Linux architecture the JDK supports.
 *
 * <p>Failures become a {@link NetlinkException} naming the call, so a caller sees one exception type whether
 * the socket layer or the kernel's rtnetlink handler refused.
 */
final class Libc {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int NETLINK_NETFILTER = 12;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = bind("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // open(2) is variadic; with no variadic argument passed, index 2 marks where they would start.
    private static final MethodHandle OPEN = LINKER.downcallHandle(find("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CAPTURE, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MemorySegment find(String name) {
        SymbolLookup libc = LINKER.defaultLookup();
        return libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(find(name), fd, CAPTURE);
    }

    /** The C library's text for an errno, or "errno N" when it cannot be had. */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private interface Call {
        long invoke(MemorySegment state) throws Throwable;
    }

    /** Runs one call with an errno slot; -1 becomes a {@link NetlinkException}, EINTR is retried. */
    private static long call(String name, Call c) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            while (true) {
                long r = c.invoke(state);
                if (r != -1) return r;
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EINTR) throw new NetlinkException(name, errno, null);
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    static int socket(int family, int type, int protocol) throws NetlinkException {
        return (int) call("socket", s -> (int) SOCKET.invokeExact(s, family, type, protocol));
    }

    static void setsockopt(int fd, int level, int option, MemorySegment value) throws NetlinkException {
        call("setsockopt(" + level + "," + option + ")",
                s -> (int) SETSOCKOPT.invokeExact(s, fd, level, option, value, (int) value.byteSize()));
    }

    static void setsockopt(int fd, int level, int option, int value) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            setsockopt(fd, level, option, v);
        }
    }

    static void bind(int fd, MemorySegment addr) throws NetlinkException {
        call("bind", s -> (int) BIND.invokeExact(s, fd, addr, (int) addr.byteSize()));
    }

    /** getsockname(2) into {@code addr}; returns the length the kernel wrote. */
    static int getsockname(int fd, MemorySegment addr) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment len = a.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, (int) addr.byteSize());
            call("getsockname", s -> (int) GETSOCKNAME.invokeExact(s, fd, addr, len));
            return len.get(JAVA_INT, 0);
        }
    }

    static long sendto(int fd, MemorySegment buf, long len, MemorySegment to) throws NetlinkException {
        return call("sendto", s -> (long) SENDTO.invokeExact(s, fd, buf, len, 0, to, (int) to.byteSize()));
    }

    static long recv(int fd, MemorySegment buf, long len, int flags) throws NetlinkException {
        return call("recv", s -> (long) RECV.invokeExact(s, fd, buf, len, flags));
    }

    static int open(String path, int flags) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocateFrom(path);
            return (int) call("open " + path, s -> (int) OPEN.invokeExact(s, p, flags));
        }
    }

    static void setns(int fd, int nstype) throws NetlinkException {
        call("setns", s -> (int) SETNS.invokeExact(s, fd, nstype));
    }

    static void close(int fd) {
        // No retry on EINTR (Linux frees the descriptor even then) and nothing to report: the fd is gone either way.
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new IllegalStateException("native close failed", t);
        }
    }
}
