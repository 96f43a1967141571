package dev.junction.agent.e2e.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Three nodes in network namespaces, each with one pod behind its {@code kube-bridge}, and a "wire" namespace
 * that is both the switch of subnet A and the router to subnet B (and, optionally, the external BGP router):
 *
 * <pre>
 *                       wire: brA 192.168.10.254/24   brB 192.168.20.254/24   (forwarding on)
 *                              |            |                 |
 *   node1 192.168.10.1  node2 192.168.10.2        node3 192.168.20.3      (default via .254)
 *   kube-bridge 10.244.N.1/24, pod N at 10.244.N.10 with an HTTP server on 8080
 * </pre>
 *
 * Names carry this JVM's pid, so parallel runs never collide; {@link #close} kills what it started (by PID) and
 * deletes every namespace (and with them every veth and bridge), whatever happened.
 */
final class RouterLab implements AutoCloseable {
    static final int NODES = 3;
    final String wire;
    final Path dir;
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Process[] agents = new Process[NODES + 1];

    private final boolean dualStack;

    RouterLab() throws IOException {
        this(false);
    }

    /** With {@code dualStack}, nodes and pods also get IPv6: fd00:10::N (subnet A), fd00:20::3, pods fd00:244:N::10. */
    RouterLab(boolean dualStack) throws IOException {
        this.dualStack = dualStack;
        prefix = "jr" + ProcessHandle.current().pid() + (dualStack ? "d" : "");
        wire = prefix + "w";
        dir = Files.createTempDirectory("junction-router-lab");
        Files.createDirectories(dir.resolve("manifests"));
    }

    String node(int i) {
        return prefix + "n" + i;
    }

    String pod(int i) {
        return prefix + "p" + i;
    }

    static String nodeIp(int i) {
        return i == 3 ? "192.168.20.3" : "192.168.10." + i;
    }

    static String podIp(int i) {
        return "10.244." + i + ".10";
    }

    static String podCidr(int i) {
        return "10.244." + i + ".0/24";
    }

    static String nodeIp6(int i) {
        return i == 3 ? "fd00:20::3" : "fd00:10::" + i;
    }

    static String podIp6(int i) {
        return "fd00:244:" + i + "::10";
    }

    static String podCidr6(int i) {
        return "fd00:244:" + i + "::/64";
    }

    void create() throws IOException, InterruptedException {
        addNamespace(wire);
        sh(wire, "ip link add brA type bridge; ip link add brB type bridge; ip addr add 192.168.10.254/24 dev brA;"
                + " ip addr add 192.168.20.254/24 dev brB; ip link set brA up; ip link set brB up;"
                + " sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=0");
        for (int i = 1; i <= NODES; i++) {
            String n = node(i);
            addNamespace(n);
            String wireEnd = "w" + prefix.substring(2) + "n" + i;
            run("ip", "link", "add", "eth0", "netns", n, "type", "veth", "peer", "name", wireEnd, "netns", wire);
            sh(wire, "ip link set " + wireEnd + " master " + (i == 3 ? "brB" : "brA") + " up");
            String gw = i == 3 ? "192.168.20.254" : "192.168.10.254";
            sh(n, "ip addr add " + nodeIp(i) + "/24 dev eth0; ip link set eth0 up; ip route add default via " + gw + ";"
                    + " sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0"
                    + " net.bridge.bridge-nf-call-iptables=0;"
                    + " ip link add kube-bridge type bridge; ip addr add 10.244." + i + ".1/24 dev kube-bridge; ip link set kube-bridge up");
            String p = pod(i);
            addNamespace(p);
            run("ip", "link", "add", "eth0", "netns", p, "type", "veth", "peer", "name", "veth-pod", "netns", n);
            sh(n, "ip link set veth-pod master kube-bridge up");
            sh(p, "ip addr add " + podIp(i) + "/24 dev eth0; ip link set eth0 up; ip route add default via 10.244." + i + ".1");
            processes.add(new ProcessBuilder("ip", "netns", "exec", p, "/usr/bin/python3", "-m", "http.server", "8080",
                    "--bind", podIp(i)).redirectErrorStream(true).redirectOutput(dir.resolve("pod" + i + ".log").toFile()).start());
            if (dualStack) addIpv6(i);
        }
        if (dualStack) {
            sh(wire, "sysctl -qw net.ipv6.conf.all.forwarding=1; ip addr add fd00:10::fe/64 dev brA nodad; ip addr add fd00:20::fe/64 dev brB nodad");
        }
    }

    private void addIpv6(int i) throws IOException, InterruptedException {
        String gw = i == 3 ? "fd00:20::fe" : "fd00:10::fe";
        sh(node(i), "sysctl -qw net.ipv6.conf.all.forwarding=1; ip addr add " + nodeIp6(i) + "/64 dev eth0 nodad;"
                + " ip -6 route add default via " + gw + "; ip addr add fd00:244:" + i + "::1/64 dev kube-bridge nodad");
        sh(pod(i), "ip addr add " + podIp6(i) + "/64 dev eth0 nodad; ip -6 route add default via fd00:244:" + i + "::1");
        processes.add(new ProcessBuilder("ip", "netns", "exec", pod(i), "/usr/bin/python3", "-m", "http.server", "8080",
                "--bind", podIp6(i)).redirectErrorStream(true).redirectOutput(dir.resolve("pod" + i + "-v6.log").toFile()).start());
    }

    /** An HTTP server on the wire namespace (outside the cluster); its log names each client's source address. */
    void startOutsideServer() throws IOException {
        processes.add(new ProcessBuilder("ip", "netns", "exec", wire, "/usr/bin/python3", "-m", "http.server", "8081",
                "--bind", "192.168.10.254").redirectErrorStream(true).redirectOutput(dir.resolve("outside.log").toFile()).start());
    }

    private static final String ECHO_SERVER = """
            import socket, sys, threading
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], 9000)); s.listen()
            def echo(c):
                for d in iter(lambda: c.recv(100), b''): c.sendall(d)
            while True:
                c, _ = s.accept(); threading.Thread(target=echo, args=(c,), daemon=True).start()
            """;
    /** One TCP connection kept open, a round trip every 50 ms, until the stop file appears; "ok N" or an error. */
    private static final String ECHO_CLIENT = """
            import os, socket, sys, time
            s = socket.create_connection((sys.argv[1], 9000), timeout=2)
            n = 0
            while not os.path.exists(sys.argv[2]):
                s.sendall(b'ping\\n'); d = b''
                while len(d) < 5:
                    x = s.recv(5 - len(d))
                    if not x: sys.exit('connection closed after %d round trips' % n)
                    d += x
                n += 1; time.sleep(0.05)
            print('ok', n)
            """;

    /** An echo server on port 9000 in pod {@code i}. */
    void startEchoServer(int i) throws IOException {
        processes.add(new ProcessBuilder("ip", "netns", "exec", pod(i), "/usr/bin/python3", "-c", ECHO_SERVER, podIp(i))
                .redirectErrorStream(true).redirectOutput(dir.resolve("echo" + i + ".log").toFile()).start());
    }

    /** A long-lived connection from pod {@code from} to pod {@code to}'s echo server; ends when {@code stop} exists. */
    Process startEchoClient(int from, int to, Path stop) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", pod(from), "/usr/bin/python3", "-c", ECHO_CLIENT, podIp(to), stop.toString())
                .redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    String podLog(int i) throws IOException {
        return Files.readString(dir.resolve("pod" + i + ".log"));
    }

    String outsideLog() throws IOException {
        return Files.readString(dir.resolve("outside.log"));
    }

    /** The Node manifests of {@code nodes} (1..3), as the API server would hold them. */
    void writeNodes(List<Integer> nodes) throws IOException {
        writeNodes(nodes, "");
    }

    /** Like {@link #writeNodes(List)}, plus {@code extra} (more manifests, verbatim). */
    void writeNodes(List<Integer> nodes, String extra) throws IOException {
        writeNodes(nodes, extra, java.util.Map.of());
    }

    /** ... with {@code annotations} (node number to one {@code key: "value"} line) on some nodes. */
    void writeNodes(List<Integer> nodes, String extra, java.util.Map<Integer, String> annotations) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i : nodes) {
            String a = annotations.containsKey(i) ? "\n  annotations:\n    " + annotations.get(i) : "";
            b.append("""
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: node%d%s
                    spec:
                      podCIDRs: [%s]
                    status:
                      addresses:
                    %s
                    ---
                    """.formatted(i, a, dualStack ? "\"" + podCidr(i) + "\", \"" + podCidr6(i) + "\"" : "\"" + podCidr(i) + "\"",
                    "  - {type: InternalIP, address: " + nodeIp(i) + "}" + (dualStack ? "\n  - {type: InternalIP, address: \"" + nodeIp6(i) + "\"}" : "")));
        }
        b.append(extra);
        Path tmp = dir.resolve("nodes.yaml.tmp");
        Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("manifests").resolve("nodes.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Extra manifests (Services, EndpointSlices) next to the Nodes. */
    void writeManifest(String name, String yaml) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("manifests").resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * BIRD 2 in the wire namespace as the external router, AS 64999, one eBGP session per node with TCP-MD5
     * password {@code password}; node3's session is multihop (its address is on the other bridge than BIRD's
     * 192.168.10.254). Returns birdc's socket path.
     */
    Path startBird(String password) throws IOException, InterruptedException {
        StringBuilder conf = new StringBuilder("""
                router id 192.168.10.254;
                protocol device { scan time 1; }
                protocol direct { ipv4; }
                """);
        for (int i = 1; i <= NODES; i++) {
            conf.append("""
                    protocol bgp node%d {
                      local 192.168.10.254 as 64999; neighbor %s as 64512; %s
                      password "%s";
                      hold time 9; keepalive time 3; connect delay time 1; connect retry time 1;
                      ipv4 { import all; export none; };
                    }
                    """.formatted(i, nodeIp(i), i == 3 ? "multihop 2;" : "", password));
        }
        Path c = dir.resolve("bird.conf");
        Files.writeString(c, conf.toString());
        Path socket = dir.resolve("bird.ctl");
        processes.add(new ProcessBuilder("ip", "netns", "exec", wire, "/usr/sbin/bird", "-f", "-c", c.toString(), "-s", socket.toString(),
                "-P", dir.resolve("bird.pid").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("bird.log").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) throw new IOException("bird did not start: " + Files.readString(dir.resolve("bird.log")));
            Thread.sleep(50);
        }
        return socket;
    }

    /** The prefixes BIRD holds (first column of {@code show route}). */
    java.util.Set<String> birdPrefixes(Path socket) throws IOException, InterruptedException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String l : run("birdc", "-s", socket.toString(), "show", "route").split("\n")) {
            String[] w = l.trim().split("\\s+");
            if (w.length > 1 && w[0].contains("/") && Character.isDigit(w[0].charAt(0))) out.add(w[0]);
        }
        return out;
    }

    /** The real agent of node {@code i} as a child JVM in its namespace, with the router only. */
    void startAgent(int i, List<String> extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", node(i), java,
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.junction.agent.Main", "agent",
                "--run-service-proxy=false", "--run-router", "--manifests", dir.resolve("manifests").toString(),
                "--hostname-override", "node" + i, "--healthz-bind-address", "127.0.0.1:10256", "--metrics-bind-address", "127.0.0.1:10249",
                "--bgp-holdtime", "9s", "--injected-routes-sync-period", "1s", "--bgp-graceful-restart-time", "60s",
                "--bgp-graceful-restart-deferral-time", "20s"));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent" + i + ".log").toFile())).start();
        agents[i] = p;
        processes.add(p);
    }

    /** SIGKILL: a crash; the kernel closes its TCP connections, no NOTIFICATION goes out. */
    void killAgent(int i) throws InterruptedException {
        agents[i].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Whether a TCP connection (an HTTP GET) from pod {@code from} to pod {@code to} succeeds within a second. */
    boolean reaches(int from, int to) throws IOException, InterruptedException {
        return reaches(from, to, 1);
    }

    /** ... within {@code seconds} (more for probes that must not fail on a loaded machine). */
    boolean reaches(int from, int to, int seconds) throws IOException, InterruptedException {
        return exitCode(List.of("ip", "netns", "exec", pod(from), "curl", "-s", "-o", "/dev/null", "--max-time", String.valueOf(seconds),
                "http://" + podIp(to) + ":8080/")) == 0;
    }

    String routes(int i) throws IOException, InterruptedException {
        return run("ip", "-n", node(i), "route", "show", "proto", "244");
    }

    String routes6(int i) throws IOException, InterruptedException {
        return run("ip", "-n", node(i), "-6", "route", "show", "proto", "244");
    }

    /** An HTTP GET from pod {@code from} to pod {@code to} over IPv6. */
    boolean reaches6(int from, int to) throws IOException, InterruptedException {
        return exitCode(List.of("ip", "netns", "exec", pod(from), "curl", "-s", "-o", "/dev/null", "--max-time", "2",
                "http://[" + podIp6(to) + "]:8080/")) == 0;
    }

    String agentLog(int i) throws IOException {
        Path p = dir.resolve("agent" + i + ".log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    void dumpLogs() {
        try {
            Path bird = dir.resolve("bird.log");
            if (Files.exists(bird)) System.err.println("--- bird.log\n" + Files.readString(bird));
        } catch (IOException e) {
            System.err.println("(bird.log: " + e + ")");
        }
        for (int i = 1; i <= NODES; i++) {
            try {
                System.err.println("--- agent" + i + ".log\n" + agentLog(i));
                System.err.println("--- routes of node" + i + "\n" + run("ip", "-n", node(i), "route"));
            } catch (IOException | InterruptedException e) {
                System.err.println("(logs of node" + i + ": " + e + ")");
            }
        }
    }

    void sh(String ns, String script) throws IOException, InterruptedException {
        run("ip", "netns", "exec", ns, "sh", "-ec", script);
    }

    private void addNamespace(String ns) throws IOException, InterruptedException {
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + err.join() + out);
        return out;
    }

    static int exitCode(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        for (Process p : processes.reversed()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces.reversed()) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
