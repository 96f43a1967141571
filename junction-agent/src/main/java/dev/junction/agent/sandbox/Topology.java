package dev.junction.agent.sandbox;

import static dev.junction.agent.sandbox.SandboxNetwork.BRIDGE_IP;
import static dev.junction.agent.sandbox.SandboxNetwork.EXTERNAL_IP;
import static dev.junction.agent.sandbox.SandboxNetwork.EXTERNAL_IP_RANGE;
import static dev.junction.agent.sandbox.SandboxNetwork.EXTRA_EXTERNAL_RANGE;
import static dev.junction.agent.sandbox.SandboxNetwork.NODE_IP;
import static dev.junction.agent.sandbox.SandboxNetwork.SERVICE_CIDR;
import static dev.junction.agent.sandbox.SandboxNetwork.WIRE_PREFIX;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's network namespaces, all named {@code <prefix>-...} and never touching the root namespace:
 *
 * <pre>
 *  [prefix-ext] eth0 192.168.77.1 ──veth── eth1 192.168.77.2 [prefix-node] br0 10.244.0.1/24
 *     routes 10.96.0.0/12, 203.0.113.0/24,                   ├── vpN ──veth── eth0 10.244.0.N [prefix-pN]
 *     198.51.100.0/24 via 192.168.77.2                       └── ...  (hairpin on, default via 10.244.0.1)
 * </pre>
 *
 * The node forwards (ip_forward=1) and runs bridged frames through netfilter
 * ({@code bridge-nf-call-iptables=1}, set explicitly: kube-proxy semantics for same-bridge clients rely on it).
 * Like a real node it has a default route (via the external host): output-hook DNAT happens after routing, so
 * the node's own traffic to a ClusterIP needs some route. Routing service ranges back into br0 instead would
 * make the node send ICMP redirects to pods, which use up the per-host ICMP rate limit and swallow the port
 * unreachable a REJECT sends.
 */
final class Topology {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

    private final String prefix;
    private final OwnedResources owned;

    Topology(String prefix, OwnedResources owned) {
        this.prefix = prefix;
        this.owned = owned;
    }

    String nodeNamespace() {
        return prefix + "-node";
    }

    String externalNamespace() {
        return prefix + "-ext";
    }

    /** Namespace of the pod with pod IP 10.244.0.{@code host}. */
    String podNamespace(int host) {
        return prefix + "-p" + host;
    }

    /** Creates the node and the external namespace and wires them. */
    void build() {
        String node = nodeNamespace();
        String ext = externalNamespace();
        addNamespace(node);
        addNamespace(ext);
        sysctl(node, "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        ipBatch(node, List.of(
                "link set lo up",
                "link add br0 type bridge",
                "addr add " + BRIDGE_IP + "/24 dev br0",
                "link set br0 up",
                "link add eth1 type veth peer name eth0 netns " + ext,
                "addr add " + NODE_IP + "/" + WIRE_PREFIX + " dev eth1",
                "link set eth1 up",
                "route add default via " + EXTERNAL_IP + " dev eth1"));
        ipBatch(ext, List.of(
                "link set lo up",
                "addr add " + EXTERNAL_IP + "/" + WIRE_PREFIX + " dev eth0",
                "link set eth0 up",
                "route add " + SERVICE_CIDR + " via " + NODE_IP,
                "route add " + EXTERNAL_IP_RANGE + " via " + NODE_IP,
                "route add " + EXTRA_EXTERNAL_RANGE + " via " + NODE_IP));
    }

    /** Creates the namespace of the pod 10.244.0.{@code host}, joined to br0; returns its name. */
    String addPod(int host) {
        String ns = podNamespace(host);
        String veth = "vp" + host;
        addNamespace(ns);
        ipBatch(nodeNamespace(), List.of(
                "link add " + veth + " type veth peer name eth0 netns " + ns,
                "link set " + veth + " master br0",
                // pod -> its own Service VIP -> itself is lost without hairpin (kubelet's hairpin-veth mode)
                "link set " + veth + " type bridge_slave hairpin on",
                "link set " + veth + " up"));
        ipBatch(ns, List.of(
                "link set lo up",
                "addr add " + SandboxNetwork.POD_PREFIX + host + "/24 dev eth0",
                "link set eth0 up",
                "route add default via " + BRIDGE_IP));
        return ns;
    }

    /** Deletes a pod's namespace (its veth pair goes with it). */
    void removePod(int host) {
        String ns = podNamespace(host);
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
