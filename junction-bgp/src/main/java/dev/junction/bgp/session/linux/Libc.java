package dev.junction.bgp.session.linux;

import java.io.IOException;
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
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The few socket calls of the C library that a BGP transport needs, through the FFM API, with errno captured
 * right after each call (the JVM may clobber it before Java code could read it). Linux x86-64/aarch64 constants:
 * these values are the same on every Linux architecture the JDK supports.
 *
 * <p>Every call is a blocking downcall, which pins a virtual thread to its carrier; callers use platform threads
 * for anything that may block (accept, read, write). See {@link NativeSocket}.
 */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;
    static final int IP_TTL = 2;
    static final int IP_MINTTL = 21;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_V6ONLY = 26;
    static final int IPV6_MINHOPCOUNT = 73;
    static final int TCP_NODELAY = 1;
    static final int TCP_MD5SIG = 14;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final short POLLIN = 1;
    static final short POLLOUT = 4;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINPROGRESS = 115;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = bind("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = bind("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = bind("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = bind("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHUTDOWN = bind("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = bind("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle FCNTL = bind("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        SymbolLookup libc = LINKER.defaultLookup();
        return LINKER.downcallHandle(libc.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)), fd, CAPTURE);
    }

    /** A native call failed; {@link #errno} is the C errno. */
    static final class ErrnoException extends IOException {
        final int errno;

        ErrnoException(String call, int errno) {
            super(call + ": " + strerror(errno) + " (errno " + errno + ")");
            this.errno = errno;
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Runs one call with an errno slot; a -1 result becomes an {@link ErrnoException}, EINTR is retried. */
    private interface Call {
        long invoke(MemorySegment state) throws Throwable;
    }

    private static long call(String name, Call c) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            while (true) {
                long r = c.invoke(state);
                if (r != -1) return r;
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EINTR) throw new ErrnoException(name, errno);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + name + " failed", t);
        }
    }

    static int socket(int family, int type) throws ErrnoException {
        return (int) call("socket", s -> (int) SOCKET.invokeExact(s, family, type | SOCK_CLOEXEC, 0));
    }

    static void setsockopt(int fd, int level, int option, MemorySegment value) throws ErrnoException {
        call("setsockopt(" + level + "," + option + ")", s -> (int) SETSOCKOPT.invokeExact(s, fd, level, option, value, (int) value.byteSize()));
    }

    static void setsockopt(int fd, int level, int option, int value) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            setsockopt(fd, level, option, v);
        }
    }

    static int getsockoptInt(int fd, int level, int option) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            MemorySegment len = a.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            call("getsockopt(" + level + "," + option + ")", s -> (int) GETSOCKOPT.invokeExact(s, fd, level, option, v, len));
            return v.get(JAVA_INT, 0);
        }
    }

    static void bind(int fd, MemorySegment addr) throws ErrnoException {
        call("bind", s -> (int) BIND.invokeExact(s, fd, addr, (int) addr.byteSize()));
    }

    static void listen(int fd, int backlog) throws ErrnoException {
        call("listen", s -> (int) LISTEN.invokeExact(s, fd, backlog));
    }

    static int accept(int fd) throws ErrnoException {
        return (int) call("accept4", s -> (int) ACCEPT4.invokeExact(s, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC));
    }

    /** connect(2); returns the errno instead of throwing (EINPROGRESS is expected on a non-blocking socket). */
    static int connect(int fd, MemorySegment addr) {
        try {
            call("connect", s -> (int) CONNECT.invokeExact(s, fd, addr, (int) addr.byteSize()));
            return 0;
        } catch (ErrnoException e) {
            return e.errno;
        }
    }

    static long recv(int fd, MemorySegment buf, long len) throws ErrnoException {
        return call("recv", s -> (long) RECV.invokeExact(s, fd, buf, len, 0));
    }

    static long send(int fd, MemorySegment buf, long len) throws ErrnoException {
        // MSG_NOSIGNAL: a peer that reset the connection gives EPIPE, not a SIGPIPE to the whole JVM.
        return call("send", s -> (long) SEND.invokeExact(s, fd, buf, len, MSG_NOSIGNAL));
    }

    static void shutdown(int fd, int how) throws ErrnoException {
        call("shutdown", s -> (int) SHUTDOWN.invokeExact(s, fd, how));
    }

    static void close(int fd) throws ErrnoException {
        // No retry on EINTR: Linux frees the descriptor even then, and a retry could close someone else's.
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int r = (int) CLOSE.invokeExact(state, fd);
            if (r == -1) {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EINTR) throw new ErrnoException("close", errno);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native close failed", t);
        }
    }

    static MemorySegment sockname(Arena arena, int fd, boolean peer) throws ErrnoException {
        MemorySegment addr = arena.allocate(SockAddr.STORAGE_SIZE);
        MemorySegment len = arena.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, (int) SockAddr.STORAGE_SIZE);
        if (peer) call("getpeername", s -> (int) GETPEERNAME.invokeExact(s, fd, addr, len));
        else call("getsockname", s -> (int) GETSOCKNAME.invokeExact(s, fd, addr, len));
        return addr.asSlice(0, len.get(JAVA_INT, 0));
    }

    static void nonBlocking(int fd, boolean on) throws ErrnoException {
        int flags = (int) call("fcntl(F_GETFL)", s -> (int) FCNTL.invokeExact(s, fd, F_GETFL, 0));
        int wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags) call("fcntl(F_SETFL)", s -> (int) FCNTL.invokeExact(s, fd, F_SETFL, wanted));
    }

    /** poll(2) on one descriptor; returns the revents, 0 on timeout. */
    static short poll(int fd, short events, int timeoutMillis) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(8, 4);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(JAVA_SHORT, 4, events);
            pfd.set(JAVA_SHORT, 6, (short) 0);
            long n = call("poll", s -> (int) POLL.invokeExact(s, pfd, 1L, timeoutMillis));
            return n == 0 ? 0 : pfd.get(JAVA_SHORT, 6);
        }
    }
}
