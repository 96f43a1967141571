package dev.junction.agent.sandbox;

import static dev.junction.agent.sandbox.SandboxNetwork.EXTERNAL_IP;
import static dev.junction.agent.sandbox.SandboxNetwork.EXTERNAL_IP_RANGE;
import static dev.junction.agent.sandbox.SandboxNetwork.EXTRA_EXTERNAL_RANGE;
import static dev.junction.agent.sandbox.SandboxNetwork.SERVICE_CIDR;
import static dev.junction.agent.sandbox.SandboxNetwork.WIRE_PREFIX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's network namespaces, all named {@code <prefix>-...} and never touching the root namespace. Single
 * node:
 *
 * <pre>
 *  [prefix-ext] eth0 192.168.77.1 ──veth── eth1 192.168.77.2 [prefix-node] br0 10.244.0.1/24
 *     routes 10.96.0.0/12, 203.0.113.0/24,                   ├── vpN ──veth── eth0 10.244.0.N [prefix-pN]
 *     198.51.100.0/24 via 192.168.77.2                       └── ...  (hairpin on, default via 10.244.0.1)
 * </pre>
 *
 * Multi-node ({@link NodeLayout}): {@code prefix-wire} switches subnet A on brA and routes to subnet B on brB;
 * node N is {@code prefix-nN} (eth0 to the wire, kube-bridge with its pods {@code prefix-nNpH}). The wire has no
 * route to any pod CIDR: only the nodes' routers (and, with BIRD, what BIRD learned) make pods reachable.
 *
 * <p>Every node forwards (ip_forward=1) and runs bridged frames through netfilter
 * ({@code bridge-nf-call-iptables=1}, set explicitly: kube-proxy semantics for same-bridge clients rely on it).
 * Like a real node it has a default route (via the external host / wire): output-hook DNAT happens after routing,
 * so the node's own traffic to a ClusterIP needs some route. Routing service ranges back into the bridge instead
 * would make the node send ICMP redirects to pods, which use up the per-host ICMP rate limit and swallow the
 * port unreachable a REJECT sends.
 */
final class Topology {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

    private final NodeLayout layout;
    private final OwnedResources owned;

    Topology(NodeLayout layout, OwnedResources owned) {
        this.layout = layout;
        this.owned = owned;
    }

    NodeLayout layout() {
        return layout;
    }

    /** The namespace of the first (single-node: the only) node. */
    String nodeNamespace() {
        return layout.first().namespace();
    }

    String externalNamespace() {
        return layout.externalNamespace();
    }

    /** Creates the node(s) and the external / wire namespace and wires them. */
    void build() {
        if (layout.multiNode()) {
            buildWire();
        } else {
            buildSingleNode();
        }
    }

    private void buildSingleNode() {
        String ext = externalNamespace();
        SandboxNode node = layout.first();
        addNamespace(node.namespace()); // first: namespaces() lists the node first
        addNamespace(ext);
        configureNode(node, ext, "eth0");
        ipBatch(ext, List.of(
                "link set lo up",
                "addr add " + EXTERNAL_IP + "/" + WIRE_PREFIX + " dev eth0",
                "link set eth0 up",
                "route add " + SERVICE_CIDR + " via " + node.internalIp(),
                "route add " + EXTERNAL_IP_RANGE + " via " + node.internalIp(),
                "route add " + EXTRA_EXTERNAL_RANGE + " via " + node.internalIp()));
    }

    private void buildWire() {
        String wire = externalNamespace();
        addNamespace(wire);
        // a plain router: its bridges are switches, not firewalls
        sysctl(wire, "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=0",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        ipBatch(wire, List.of(
                "link set lo up",
                "link add brA type bridge",
                "addr add " + NodeLayout.SUBNET_A_ROUTER + "/24 dev brA",
                "link set brA up",
                "link add brB type bridge",
                "addr add " + NodeLayout.SUBNET_B_ROUTER + "/24 dev brB",
                "link set brB up"));
        List<SandboxNode> nodes = layout.nodes();
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            SandboxNode node = nodes.get(i);
            String port = "wn" + (i + 1);
            addNamespace(node.namespace());
            configureNode(node, wire, port);
            String bridge = node.gateway().equals(NodeLayout.SUBNET_A_ROUTER) ? "brA" : "brB";
            ports.add("link set " + port + " master " + bridge);
            ports.add("link set " + port + " up");
        }
        ipBatch(wire, ports);
    }

    /**
     * A node namespace: forwarding, its pod bridge, and the uplink veth whose other end ({@code peerName}) is
     * created straight in {@code peerNamespace}, so no interface ever appears in the root namespace.
     */
    private void configureNode(SandboxNode node, String peerNamespace, String peerName) {
        String ns = node.namespace();
        sysctl(ns, "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        ipBatch(ns, List.of(
                "link set lo up",
                "link add " + node.bridge() + " type bridge",
                "addr add " + node.bridgeIp() + "/24 dev " + node.bridge(),
                "link set " + node.bridge() + " up",
                "link add " + node.uplink() + " type veth peer name " + peerName + " netns " + peerNamespace,
                "addr add " + node.internalIp() + "/" + WIRE_PREFIX + " dev " + node.uplink(),
                "link set " + node.uplink() + " up",
                "route add default via " + node.gateway() + " dev " + node.uplink()));
    }

    /** Creates the namespace of {@code node}'s pod {@code podPrefix + host}, joined to its bridge; returns its name. */
    String addPod(SandboxNode node, int host) {
        String ns = node.podNamespace(host);
        String veth = "vp" + host;
        addNamespace(ns);
        ipBatch(node.namespace(), List.of(
                "link add " + veth + " type veth peer name eth0 netns " + ns,
                "link set " + veth + " master " + node.bridge(),
                // pod -> its own Service VIP -> itself is lost without hairpin (kubelet's hairpin-veth mode)
                "link set " + veth + " type bridge_slave hairpin on",
                "link set " + veth + " up"));
        ipBatch(ns, List.of(
                "link set lo up",
                "addr add " + node.podPrefix() + host + "/24 dev eth0",
                "link set eth0 up",
                "route add default via " + node.bridgeIp()));
        return ns;
    }

    /** Deletes a pod's namespace (its veth pair goes with it). */
    void removePod(SandboxNode node, int host) {
        String ns = node.podNamespace(host);
        Exec.run(List.of("ip", "netns", "del", ns));
        owned.forgetNamespace(ns);
    }

    /** The command prefix that runs a program inside {@code namespace}; ip netns exec execs it, so PIDs are exact. */
    static List<String> inNamespace(String namespace, List<String> command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        out.addAll(command);
        return out;
    }

    private void addNamespace(String ns) {
        owned.namespace(ns); // first, so a shutdown hook firing right now still deletes it
        Exec.run(List.of("ip", "netns", "add", ns)).check();
    }

    private static void ipBatch(String ns, List<String> lines) {
        Exec.run(List.of("ip", "-n", ns, "-batch", "-"), String.join("\n", lines) + "\n", IP_TIMEOUT).check();
    }

    private static void sysctl(String ns, String... settings) {
        List<String> cmd = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        cmd.addAll(List.of(settings));
        Exec.run(inNamespace(ns, cmd)).check();
    }
}
