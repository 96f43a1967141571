package dev.junction.nft;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away network namespace for kernel tests, named {@code jt<pid>-<n>} so that parallel JVMs never
 * collide. It is always deleted: by {@link #close()} (try-with-resources), by JUnit when used as a parameter
 * with {@code @ExtendWith(TestNetns.Extension.class)} (the extension store closes it when the test or class
 * scope ends, passed or failed), and by a shutdown hook for whatever an interrupted run left behind.
 */
public final class TestNetns implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                try {
                    NetNs.delete(name);
                } catch (IOException | RuntimeException e) {
                    // best effort at JVM exit
                }
            }
        }, "test-netns-cleanup"));
    }

    private final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    /** Creates a new, empty namespace. */
    public static TestNetns create() throws IOException {
        String name = "jt" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        LIVE.add(name);
        try {
            NetNs.add(name);
        } catch (IOException | RuntimeException e) {
            LIVE.remove(name);
            throw e;
        }
        return new TestNetns(name);
    }

    public String name() {
        return name;
    }

    /** Runs the task on a thread inside this namespace (see {@link NetNs#call}). */
    public <T> T call(Callable<T> task) throws Exception {
        return NetNs.call(name, task);
    }

    /** The nft binary inside this namespace. */
    public ExecNft execNft() {
        return ExecNft.inNamespace(name);
    }

    /** Runs {@code ip netns exec NAME nft ARGS...} and returns stdout; throws on a non-zero exit. */
    public String nft(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "nft"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a command (no shell) and returns stdout; throws with stderr on a non-zero exit. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: "
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        NetNs.delete(name);
        LIVE.remove(name); // only once gone: a failed delete is retried by the shutdown hook
    }

    @Override
    public String toString() {
        return name;
    }

    /** Resolves {@link TestNetns} parameters; each one is deleted when its test (or class) scope ends. */
    public static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(TestNetns.class);

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == TestNetns.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            try {
                TestNetns ns = create();
                // AutoCloseable values in the store are closed when the scope ends, failed or not.
                c.getStore(STORE).put(ns.name(), ns);
                return ns;
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a test network namespace", e);
            }
        }
    }
}
