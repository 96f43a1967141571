package dev.junction.agent.bench;

import dev.junction.nft.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The benchmark's throw-away resources: network namespaces named {@code jb<pid>-<n>-<role>}, the child
 * processes it starts and a scratch directory. {@link #close()} removes them all; a shutdown hook does the
 * same when the JVM ends early (Ctrl-C, SIGTERM), killing the processes first, each by its own handle.
 */
public final class BenchNamespaces implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(this::cleanUp, "bench-cleanup");
    private final Path scratch;
    private volatile boolean closed;

    /** The namespaces this JVM's benchmarks have made and not yet deleted (tests check that none outlive a run). */
    public static java.util.List<String> ofThisProcess() throws IOException {
        Path run = Path.of("/run/netns");
        if (!Files.isDirectory(run)) {
            return java.util.List.of();
        }
        String prefix = "jb" + ProcessHandle.current().pid() + "-";
        try (java.util.stream.Stream<Path> s = Files.list(run)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    public BenchNamespaces() throws IOException {
        scratch = Files.createTempDirectory("junction-bench-");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A scratch directory, deleted with everything else. */
    Path scratch() {
        return scratch;
    }

    /** Creates a fresh, empty namespace. */
    public String create(String role) throws IOException {
        String name = "jb" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + role;
        live.add(name);
        try {
            NetNs.add(name);
        } catch (IOException | RuntimeException e) {
            live.remove(name);
            throw e;
        }
        return name;
    }

    public void delete(String name) throws IOException {
        NetNs.delete(name);
        live.remove(name);
    }

    /** Tracks a child process so that an early exit kills it. */
    void track(Process p) {
        processes.add(p);
    }

    void untrack(Process p) {
        processes.remove(p);
    }

    /** Kills a process and the children it started (by their handles, never by name). */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            kill(p);
        }
        for (String name : live) {
            try {
                NetNs.delete(name);
                live.remove(name);
            } catch (IOException | RuntimeException e) {
                System.err.println("bench: could not delete network namespace " + name + ": " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
