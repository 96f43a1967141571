package dev.junction.bgp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces named after this JVM's pid so that parallel runs never collide, and always removed by
 * {@link #close()} (deleting a namespace deletes the veth ends and bridges inside it). Two shapes: A and B joined by
 * one veth ({@link #create}), or a hub A holding a bridge that spoke namespaces join, one veth each, so that three
 * or more speakers share one subnet ({@link #createHub}, {@link #addSpoke}).
 */
final class Lab implements AutoCloseable {
    final String nsA;
    final String nsB;
    private final List<String> created = new ArrayList<>();

    Lab() {
        long pid = ProcessHandle.current().pid();
        nsA = "jb" + pid + "a";
        nsB = "jb" + pid + "b";
    }

    /** Creates both namespaces, the veth ({@code vj<pid>a} in A, {@code vj<pid>b} in B) and the addresses. */
    void create(List<String> addressesA, List<String> addressesB) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String va = "vj" + pid + "a";
        String vb = "vj" + pid + "b";
        for (String ns : List.of(nsA, nsB)) {
            run("ip", "netns", "add", ns);
            created.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "link", "add", va, "type", "veth", "peer", "name", vb);
        run("ip", "link", "set", va, "netns", nsA);
        run("ip", "link", "set", vb, "netns", nsB);
        for (String a : addressesA) addAddress(nsA, va, a);
        for (String b : addressesB) addAddress(nsB, vb, b);
        run("ip", "-n", nsA, "link", "set", va, "up");
        run("ip", "-n", nsB, "link", "set", vb, "up");
    }

    /** Creates namespace A with a bridge {@code bj<pid>} carrying {@code addresses}; spokes join it. */
    void createHub(List<String> addresses) throws IOException, InterruptedException {
        run("ip", "netns", "add", nsA);
        created.add(nsA);
        run("ip", "-n", nsA, "link", "set", "lo", "up");
        String bridge = "bj" + ProcessHandle.current().pid();
        run("ip", "-n", nsA, "link", "add", bridge, "type", "bridge");
        for (String a : addresses) addAddress(nsA, bridge, a);
        run("ip", "-n", nsA, "link", "set", bridge, "up");
    }

    /**
     * Creates namespace {@code jb<pid><suffix>} ({@link #nsB} for "b") joined to the hub's bridge by a veth
     * ({@code vj<pid><suffix>} inside it, {@code vj<pid><suffix>h} on the bridge); returns its name.
     */
    String addSpoke(String suffix, List<String> addresses) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        String ns = "jb" + pid + suffix;
        String inside = "vj" + pid + suffix;
        String port = inside + "h";
        run("ip", "netns", "add", ns);
        created.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "link", "add", inside, "type", "veth", "peer", "name", port);
        run("ip", "link", "set", inside, "netns", ns);
        run("ip", "link", "set", port, "netns", nsA);
        run("ip", "-n", nsA, "link", "set", port, "master", "bj" + pid);
        run("ip", "-n", nsA, "link", "set", port, "up");
        for (String a : addresses) addAddress(ns, inside, a);
        run("ip", "-n", ns, "link", "set", inside, "up");
        return ns;
    }

    private static void addAddress(String ns, String dev, String address) throws IOException, InterruptedException {
        // IPv6 addresses skip duplicate address detection: a tentative address cannot be bound or used as a next hop
        // for the first second or so, and nothing else is on these links.
        if (address.contains(":")) run("ip", "-n", ns, "addr", "add", address, "dev", dev, "nodad");
        else run("ip", "-n", ns, "addr", "add", address, "dev", dev);
    }

    /** Runs a command (no shell), returns stdout; throws with stderr on failure or after 20 s. */
    static String run(String... cmd) throws IOException, InterruptedException {
        return run(true, cmd);
    }

    /** Like {@link #run(String...)} but returns stdout whatever the exit code (birdc exits 1 on "Network not found"). */
    static String output(String... cmd) throws IOException, InterruptedException {
        return run(false, cmd);
    }

    private static String run(boolean check, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        if (check && p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + err.join() + out);
        return out;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first executable named {@code name} on PATH or in the sbin directories (root's tools live there). */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    static boolean root() {
        try {
            return run("id", "-u").trim().equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        created.clear();
    }
}
