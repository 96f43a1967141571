package dev.junction.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throw-away named network namespace for kernel tests, {@code jnl<pid>x<n>} so parallel JVMs never collide,
 * with an {@link RtNetlink} opened inside it. Always deleted: by {@link #close()} (try-with-resources), and by a
 * shutdown hook for whatever an interrupted run left behind.
 */
final class TestNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                try {
                    run(List.of("ip", "netns", "del", name));
                } catch (IOException | RuntimeException e) {
                    // best effort at JVM exit
                }
            }
        }, "jnl-netns-cleanup"));
    }

    private final String name;
    private RtNetlink netlink;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Skips the calling test unless it runs as root with {@code ip} available. */
    static void assumeRoot() {
        boolean root;
        try {
            root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            root = false;
        }
        assumeTrue(root, "kernel lane needs root (network namespaces, rtnetlink changes); skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "kernel lane needs iproute2's ip; skipped");
    }

    /** A new namespace with loopback up (as a pod's would be). */
    static TestNamespace create() throws IOException {
        String name = "jnl" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        LIVE.add(name);
        TestNamespace ns = new TestNamespace(name);
        try {
            run(List.of("ip", "netns", "add", name));
            ns.ip("link", "set", "lo", "up");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    Path path() {
        return Path.of("/var/run/netns", name);
    }

    /** An rtnetlink socket inside this namespace, opened once and closed with it. */
    RtNetlink netlink() throws NetlinkException {
        if (netlink == null) netlink = RtNetlink.openIn(path());
        return netlink;
    }

    /** {@code ip netns exec NAME ip ARGS...}; returns stdout. */
    String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "ip"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** {@code ip netns exec NAME COMMAND...}; returns stdout. */
    String exec(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return run(cmd);
    }

    /** A process running inside the namespace, for servers; the caller destroys it. */
    Process start(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs a command (no shell) and returns stdout; throws with stderr on a non-zero exit. */
    static String run(List<String> cmd) throws IOException {
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
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (netlink != null) netlink.close();
        if (Files.exists(path())) run(List.of("ip", "netns", "del", name));
        LIVE.remove(name); // only once gone: a failed delete is retried by the shutdown hook
    }

    @Override
    public String toString() {
        return name;
    }
}
