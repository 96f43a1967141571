package dev.junction.agent.bench;

import dev.junction.bgp.rib.Route;
import dev.junction.bgp.rib.Source;
import dev.junction.bgp.session.PlainSocketFactory;
import dev.junction.bgp.speaker.GracefulRestartConfig;
import dev.junction.bgp.speaker.PeerConfig;
import dev.junction.bgp.speaker.Speaker;
import dev.junction.bgp.speaker.SpeakerConfig;
import dev.junction.bgp.wire.Prefix;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The simulated nodes of {@code bench routing}: one in-process {@link Speaker} per node (java.net sockets, so every
 * session runs on virtual threads), each bound to its own address of {@link RoutingLayout} in the namespace this JVM
 * runs in, originating its pod CIDR. Driven on stdin, one command a line, each answered by lines and {@code end}
 * (or {@code error ...}):
 * <pre>
 *   start COUNT              nodes 1..COUNT-1 (reflectors first); line: started SPEAKERS EPOCH_MS
 *   await-converged SECONDS  every simulated node has every other one's pod CIDR; line: converged EPOCH_MS_LAST
 *   await-prefix NODE SECONDS  NODE's pod CIDR is best on every simulated node; line: prefix NODE EPOCH_MS_LAST
 *   join NODE SECONDS        the reflectors (mesh: every node) add NODE as a peer, NODE starts and announces;
 *                            line: joined NODE T0 ALL_HAVE_IT NODE_HAS_ALL (epoch ms)
 *   established NODE PEER    line: established EPOCH_MS (when NODE's session with PEER last came up)
 *   stats                    lines: speakers S, sessions ESTABLISHED CONFIGURED, locrib MIN MAX, rss_kib NOW PEAK
 *   quit
 * </pre>
 * Between two simulated nodes the one with the lower index waits for the other to connect (so a joiner connects
 * at once, and no collision is resolved in between); with the agent (node 0) both sides connect, as kube-router's
 * nodes do, and collision detection keeps one session. Timestamps are wall-clock epoch milliseconds, so
 * that the bench can compare them with what it saw of the agent's kernel.
 */
public final class RoutingSimChild {
    private final boolean mesh;
    private final int reflectors;
    private final int capacity;
    private final Map<Integer, Speaker> speakers = new ConcurrentSkipListMap<>();
    /** Per node: on how many simulated nodes (other than itself) its pod CIDR is best, and when that last grew. */
    private final AtomicIntegerArray seen;
    private final AtomicLongArray seenLastMicros;
    /** Per node: how many other nodes' pod CIDRs it has. */
    private final AtomicIntegerArray learned;
    private final AtomicLongArray learnedLastMicros;
    /** Sum of learned over simulated nodes' CIDRs only (node 0's, the agent's, apart). */
    private final AtomicLong learnedSim = new AtomicLong();
    private final AtomicLong learnedSimLastMicros = new AtomicLong();

    RoutingSimChild(boolean mesh, int reflectors, int capacity) {
        this.mesh = mesh;
        this.reflectors = mesh ? 0 : reflectors;
        this.capacity = capacity;
        seen = new AtomicIntegerArray(capacity);
        seenLastMicros = new AtomicLongArray(capacity);
        learned = new AtomicIntegerArray(capacity);
        learnedLastMicros = new AtomicLongArray(capacity);
    }

    /** {@code RoutingSimChild mesh|rr REFLECTORS CAPACITY} */
    public static void main(String[] args) throws Exception {
        RoutingSimChild sim = new RoutingSimChild(args[0].equals("mesh"), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            if (w[0].isEmpty()) continue;
            if (w[0].equals("quit")) break;
            try {
                for (String l : sim.command(w)) out.println(l);
                out.println("end");
            } catch (Exception e) {
                out.println("error " + e.toString().replace('\n', ' '));
            }
        }
        sim.speakers.values().forEach(s -> s.close(false));
        System.exit(0);
    }

    private List<String> command(String[] w) throws Exception {
        return switch (w[0]) {
            case "start" -> {
                int count = Integer.parseInt(w[1]);
                long t0 = micros();
                for (int i = 1; i < count; i++) startNode(i, count);
                yield List.of("started " + speakers.size() + " " + ms(t0));
            }
            case "await-converged" -> {
                long want = (long) speakers.size() * (speakers.size() - 1);
                await("every simulated node to have every other's pod CIDR (" + want + ")", Integer.parseInt(w[1]),
                        () -> learnedSim.get() >= want);
                yield List.of("converged " + ms(learnedSimLastMicros.get()));
            }
            case "await-prefix" -> {
                int node = Integer.parseInt(w[1]);
                int want = othersThan(node);
                await("node " + node + "'s pod CIDR on " + want + " simulated nodes", Integer.parseInt(w[2]), () -> seen.get(node) >= want);
                yield List.of("prefix " + node + " " + ms(seenLastMicros.get(node)));
            }
            case "join" -> {
                int node = Integer.parseInt(w[1]);
                int seconds = Integer.parseInt(w[2]);
                // What the joiner must learn: every running node's CIDR, and the agent's once the others have it.
                int wantLearned = speakers.size() + (seen.get(0) > 0 ? 1 : 0);
                long t0 = micros();
                for (Map.Entry<Integer, Speaker> e : speakers.entrySet()) {
                    if (mesh || isReflector(e.getKey())) e.getValue().addPeer(peer(e.getKey(), node)).get(10, TimeUnit.SECONDS);
                }
                startNode(node, node + 1);
                int want = othersThan(node);
                await("node " + node + "'s pod CIDR on " + want + " simulated nodes", seconds, () -> seen.get(node) >= want);
                await("node " + node + " to learn " + wantLearned + " pod CIDRs", seconds, () -> learned.get(node) >= wantLearned);
                yield List.of("joined " + node + " " + ms(t0) + " " + ms(seenLastMicros.get(node)) + " " + ms(learnedLastMicros.get(node)));
            }
            case "established" -> {
                Instant t = speakers.get(Integer.parseInt(w[1])).establishedAt().get(RoutingLayout.name(Integer.parseInt(w[2])));
                if (t == null) throw new IllegalStateException("that session never came up");
                yield List.of("established " + BgpBench.epochMs(t));
            }
            case "stats" -> {
                int up = 0;
                int configured = 0;
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (Speaker s : speakers.values()) {
                    for (var st : s.peerStates().values()) {
                        configured++;
                        if (st.name().equals("ESTABLISHED")) up++;
                    }
                    int n = s.locRibSize().get(30, TimeUnit.SECONDS);
                    min = Math.min(min, n);
                    max = Math.max(max, n);
                }
                Path status = Path.of("/proc/self/status");
                yield List.of("speakers " + speakers.size(), "sessions " + up + " " + configured, "locrib " + min + " " + max,
                        "rss_kib " + BenchStats.grep(status, "VmRSS").map(BenchStats::kib).orElse(-1L) + " "
                                + BenchStats.grep(status, "VmHWM").map(BenchStats::kib).orElse(-1L));
            }
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    private boolean isReflector(int i) {
        return i >= 1 && i <= reflectors;
    }

    /** Simulated nodes other than {@code node} that are running. */
    private int othersThan(int node) {
        return speakers.size() - (speakers.containsKey(node) ? 1 : 0);
    }

    /** Node {@code self}'s view of node {@code other}. */
    private PeerConfig peer(int self, int other) {
        return PeerConfig.builder(RoutingLayout.name(other), RoutingLayout.inet(other), RoutingLayout.ASN)
                .localAddress(RoutingLayout.inet(self)).passive(other != 0 && other > self)
                .routeReflectorClient(isReflector(self) && !isReflector(other)).build();
    }

    /** Whom node {@code i} peers with in a cluster of nodes 0..count-1. */
    private List<Integer> peersOf(int i, int count) {
        List<Integer> out = new ArrayList<>();
        if (!mesh && !isReflector(i)) {
            for (int r = 1; r <= reflectors; r++) out.add(r);
            return out;
        }
        for (int j = 0; j < count; j++) if (j != i) out.add(j);
        return out;
    }

    private void startNode(int i, int count) throws Exception {
        if (i <= 0 || i >= capacity) throw new IllegalArgumentException("node " + i + " is outside 1.." + (capacity - 1));
        SpeakerConfig config = new SpeakerConfig(RoutingLayout.inet(i), RoutingLayout.ASN, new InetSocketAddress(RoutingLayout.inet(i), 179),
                isReflector(i) ? (java.net.Inet4Address) java.net.InetAddress.getByName(RoutingLayout.CLUSTER_ID) : null,
                List.of(), List.of(new SpeakerConfig.Originated(RoutingLayout.podPrefix(i), List.of())), GracefulRestartConfig.DEFAULT,
                false, 100);
        Speaker s = Speaker.start(config, PlainSocketFactory.INSTANCE);
        s.subscribe((prefix, before, after) -> changed(i, prefix, before, after)).get(10, TimeUnit.SECONDS);
        List<Integer> peers = peersOf(i, count);
        speakers.put(i, s);
        for (int j : peers) s.addPeer(peer(i, j)).get(10, TimeUnit.SECONDS);
    }

    /** On speaker {@code at}'s engine thread: a best path came or went. */
    private void changed(int at, Prefix prefix, Optional<Route> before, Optional<Route> after) {
        if (before.isPresent() == after.isPresent()) return;
        if (after.map(r -> r.source().kind() == Source.Kind.LOCAL).orElse(false)
                || before.map(r -> r.source().kind() == Source.Kind.LOCAL).orElse(false)) return;
        byte[] a = prefix.address();
        if (a.length != 4 || (a[0] & 255) != 10) return;
        int node = (a[1] & 255) * 256 + (a[2] & 255);
        if (node >= capacity) return;
        int d = after.isPresent() ? 1 : -1;
        long now = micros();
        seen.addAndGet(node, d);
        learned.addAndGet(at, d);
        if (d > 0) {
            seenLastMicros.accumulateAndGet(node, now, Math::max);
            learnedLastMicros.accumulateAndGet(at, now, Math::max);
        }
        if (node != 0) {
            learnedSim.addAndGet(d);
            if (d > 0) learnedSimLastMicros.accumulateAndGet(now, Math::max);
        }
    }

    private interface Condition {
        boolean met();
    }

    private static void await(String what, int seconds, Condition c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.met()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    private static long micros() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
