package dev.junction.agent.policy;

import static dev.junction.agent.policy.SyntheticPolicies.BRIDGE_IP;
import static dev.junction.agent.policy.SyntheticPolicies.CLIENT_IP;
import static dev.junction.agent.policy.SyntheticPolicies.DENIED_PORT;
import static dev.junction.agent.policy.SyntheticPolicies.PORT;
import static dev.junction.agent.policy.SyntheticPolicies.SERVER_IP;

import dev.junction.nft.NetNs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The first-packet test bed: a node namespace with a bridge {@code br0} ({@value SyntheticPolicies#BRIDGE_IP}/16)
 * and two pod namespaces on it by veth, the client ({@value SyntheticPolicies#CLIENT_IP}) and the server
 * ({@value SyntheticPolicies#SERVER_IP}), with {@code net.bridge.bridge-nf-call-iptables=1} set explicitly in the
 * node, so bridged pod-to-pod packets meet the firewall's {@code forward} chain as on a real node. The server
 * namespace runs two small in-process servers (on {@value SyntheticPolicies#PORT}, which the benchmark's policies
 * allow the client, and {@value SyntheticPolicies#DENIED_PORT}, which they do not) answering every connection
 * with one byte; the client connects from a thread entered into its namespace. Each test bed has its own three
 * namespaces, so several (differently programmed) can be measured side by side.
 */
final class FirstPacket implements AutoCloseable {
    private final String node;
    private final String client;
    private final String server;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> serverThreads = new ArrayList<>();

    private FirstPacket(String node, String client, String server) {
        this.node = node;
        this.client = client;
        this.server = server;
    }

    /** Creates the three namespaces, wires them and starts the servers. */
    static FirstPacket build(dev.junction.agent.bench.BenchNamespaces namespaces, String tag) throws Exception {
        FirstPacket fp = new FirstPacket(namespaces.create(tag + "-node"), namespaces.create(tag + "-client"),
                namespaces.create(tag + "-server"));
        Namespaces.ip(fp.node, List.of(
                "link set lo up",
                "link add br0 type bridge",
                "addr add " + BRIDGE_IP + "/16 dev br0",
                "link set br0 up",
                "link add vc type veth peer name eth0 netns " + fp.client,
                "link set vc master br0",
                "link set vc up",
                "link add vs type veth peer name eth0 netns " + fp.server,
                "link set vs master br0",
                "link set vs up"));
        for (String[] pod : new String[][] {{fp.client, CLIENT_IP}, {fp.server, SERVER_IP}}) {
            Namespaces.ip(pod[0], List.of("link set lo up", "addr add " + pod[1] + "/16 dev eth0", "link set eth0 up",
                    "route add default via " + BRIDGE_IP));
        }
        fp.bridgeNetfilter();
        fp.serve(PORT);
        fp.serve(DENIED_PORT);
        return fp;
    }

    String nodeNamespace() {
        return node;
    }

    /** The node's {@code net.bridge.bridge-nf-call-iptables}, read back. */
    String bridgeNfCallIptables() throws IOException {
        return Namespaces.run(List.of("ip", "netns", "exec", node, "sysctl", "-n", "net.bridge.bridge-nf-call-iptables"),
                "").strip();
    }

    /**
     * Starts a thread entered into the client namespace that, for each request, opens that many new connections to
     * the server's {@value SyntheticPolicies#PORT}, one after the other, each timed from before connect to the first
     * byte read (microseconds), and hands the times back. Several test beds' clients can so take turns.
     */
    Client client() {
        Client c = new Client();
        Thread t = Thread.ofPlatform().daemon().name("bench-client-" + client).start(() -> {
            try {
                NetNs.call(client, () -> {
                    InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(SERVER_IP), PORT);
                    for (int n = c.requests.take(); n > 0; n = c.requests.take()) {
                        double[] us = new double[n];
                        for (int i = 0; i < n; i++) {
                            us[i] = connect(to);
                        }
                        c.results.put(us);
                    }
                    return null;
                });
            } catch (Exception e) {
                c.failure = e;
                c.results.offer(new double[0]);
            }
        });
        c.thread = t;
        return c;
    }

    /** A client thread in its namespace; {@link #measure} runs connections there. */
    static final class Client implements AutoCloseable {
        private final BlockingQueue<Integer> requests = new LinkedBlockingQueue<>();
        private final BlockingQueue<double[]> results = new LinkedBlockingQueue<>();
        private volatile Exception failure;
        private Thread thread;

        double[] measure(int n) throws Exception {
            requests.put(n);
            double[] r = results.take();
            if (failure != null) {
                throw failure;
            }
            return r;
        }

        @Override
        public void close() throws InterruptedException {
            requests.put(0);
            thread.join(5000);
        }
    }

    private static double connect(InetSocketAddress to) throws IOException {
        try (Socket s = new Socket()) {
            long t0 = System.nanoTime();
            s.connect(to, 2000);
            InputStream in = s.getInputStream();
            if (in.read() < 0) {
                throw new IOException("the server closed without its byte");
            }
            return (System.nanoTime() - t0) / 1000.0;
        }
    }

    /** Whether the client can open a connection to {@code port} within {@code timeoutMs} (a drop times out). */
    boolean reaches(int port, int timeoutMs) throws Exception {
        return NetNs.call(client, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(SERVER_IP), port), timeoutMs);
                s.setSoTimeout(timeoutMs);
                return s.getInputStream().read() >= 0;
            } catch (SocketTimeoutException e) {
                return false;
            }
        });
    }

    /** bridge-nf-call-iptables needs br_netfilter; it is loaded if the setting is missing. */
    private void bridgeNetfilter() throws IOException {
        Namespaces.sysctl(node, "net.ipv4.ip_forward=1");
        try {
            Namespaces.sysctl(node, "net.bridge.bridge-nf-call-iptables=1");
        } catch (IOException e) {
            Namespaces.run(List.of("modprobe", "br_netfilter"), "");
            Namespaces.sysctl(node, "net.bridge.bridge-nf-call-iptables=1");
        }
        if (!"1".equals(bridgeNfCallIptables())) {
            throw new IOException("net.bridge.bridge-nf-call-iptables is not 1 in " + node);
        }
    }

    /** Starts a thread in the server namespace that answers each connection to {@code port} with one byte. */
    private void serve(int port) throws Exception {
        CompletableFuture<ServerSocket> bound = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("bench-server-" + port).start(() -> {
            try {
                NetNs.call(server, () -> {
                    ServerSocket ss = new ServerSocket();
                    ss.setReuseAddress(true);
                    ss.bind(new InetSocketAddress(InetAddress.getByName(SERVER_IP), port), 512);
                    bound.complete(ss);
                    while (!ss.isClosed()) {
                        try (Socket c = ss.accept()) {
                            c.getOutputStream().write(1);
                        } catch (IOException e) {
                            if (ss.isClosed()) {
                                break;
                            }
                        }
                    }
                    return null;
                });
            } catch (Exception e) {
                bound.completeExceptionally(e);
            }
        });
        serverThreads.add(t);
        listeners.add(bound.get(30, TimeUnit.SECONDS));
    }

    /** Stops the servers (the namespaces are the caller's to delete). */
    @Override
    public void close() throws InterruptedException {
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : serverThreads) {
            t.join(5000);
        }
    }
}
