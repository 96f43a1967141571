package dev.junction.nft;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Named network namespaces ({@code ip netns}, files under {@code /run/netns}) and running code inside one.
 *
 * <p>{@link #call} enters the namespace on a fresh platform thread with {@code setns(2)}: the network
 * namespace is per thread, so only that thread sees the namespace, together with the sockets it opens (such
 * as the netlink socket of a {@link LibNft} constructed there, which stays bound to the namespace for the
 * instance's life) and the processes it starts (an {@link ExecNft} without prefix works there too). The thread ends with the call and
 * never returns to the root namespace, so no pooled thread can be left pointing elsewhere. Virtual threads
 * are unusable for this: they migrate between carrier threads.
 */
public final class NetNs {
    private static final Path RUN_NETNS = Path.of("/run/netns");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private NetNs() {
    }

    /** Creates a named namespace with {@code ip netns add}; fails if it exists. */
    public static void add(String name) throws IOException {
        ip("add", checkName(name));
    }

    /** Deletes a named namespace with {@code ip netns del}; nothing happens when it does not exist. */
    public static void delete(String name) throws IOException {
        if (exists(name)) {
            ip("del", checkName(name));
        }
    }

    public static boolean exists(String name) {
        return Files.exists(RUN_NETNS.resolve(checkName(name)));
    }

    /**
     * Runs {@code task} on a new platform thread that has entered the named network namespace, waits for it
     * and returns its result. The task's exception is rethrown as is.
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        Path file = RUN_NETNS.resolve(checkName(name));
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("netns-" + name).start(() -> {
            try {
                enter(file);
                result[0] = task.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }

    /** setns(open(file), CLONE_NEWNET) for the calling thread. */
    private static void enter(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Libc.CAPTURE);
            int fd = (int) Libc.OPEN.invokeExact(errno, arena.allocateFrom(file.toString()), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + file + ": errno " + Libc.errno(errno));
            }
            int rc = (int) Libc.SETNS.invokeExact(errno, fd, CLONE_NEWNET);
            int setnsErrno = Libc.errno(errno);
            int ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
            if (rc != 0) {
                throw new IOException("setns " + file + ": errno " + setnsErrno);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("bad network namespace name: " + name);
        }
        return name;
    }

    private static void ip(String verb, String name) throws IOException {
        Process p = new ProcessBuilder(List.of("ip", "netns", verb, name)).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ip netns " + verb + " " + name + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException("ip netns " + verb + " " + name + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** open, setns and close from libc, with errno captured (the JVM may clobber errno otherwise). */
    private static final class Libc {
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle OPEN;
        static final MethodHandle SETNS;
        static final MethodHandle CLOSE;

        static {
            Linker linker = Linker.nativeLinker();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            var libc = linker.defaultLookup();
            // open(2) is variadic; with no variadic argument passed, index 2 marks where they would start.
            OPEN = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), errno, Linker.Option.firstVariadicArg(2));
            SETNS = linker.downcallHandle(libc.find("setns").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
            CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
        }

        static int errno(MemorySegment capture) {
            return (int) ERRNO.get(capture, 0L);
        }
    }
}
