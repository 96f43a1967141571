package dev.junction.agent.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes the sandbox builds and their addresses. A scenario without {@code nodes:} gets today's single node
 * ({@code sandbox-node}, external host 192.168.77.1, pods of other nodes faked on its bridge). With {@code nodes:}
 * every listed node is real, joined by one "wire" namespace that is the switch of subnet A, the router to
 * subnet B and the external host (RouterLab's plan):
 *
 * <pre>
 *   wire: brA 192.168.10.254/24  brB 192.168.20.254/24  (forwarding on; optionally BIRD AS 64999)
 *   node N (list position, from 1): InternalIP 192.168.10.N (A) or 192.168.20.N (B), default via .254,
 *          kube-bridge 10.244.N.1/24 = its pod CIDR, pods 10.244.N.2, .3, ...
 * </pre>
 */
final class NodeLayout {

    static final String SUBNET_A_ROUTER = "192.168.10.254";
    static final String SUBNET_B_ROUTER = "192.168.20.254";

    private final List<SandboxNode> nodes;
    private final Map<String, SandboxNode> byName = new LinkedHashMap<>();
    private final boolean multiNode;
    private final String externalNamespace;

    private NodeLayout(List<SandboxNode> nodes, boolean multiNode, String externalNamespace) {
        this.nodes = List.copyOf(nodes);
        this.multiNode = multiNode;
        this.externalNamespace = externalNamespace;
        for (SandboxNode n : nodes) {
            if (byName.put(n.name(), n) != null) {
                throw new IllegalArgumentException("node " + n.name() + " is listed twice");
            }
        }
    }

    /** The layout a scenario asks for: multi-node if its probes.yaml lists {@code nodes:}. */
    static NodeLayout of(String prefix, ProbesFile probes) {
        return probes.nodes().isEmpty() ? singleNode(prefix, probes.nodeZone())
                : multiNode(prefix, probes.nodes(), probes.nodeZone());
    }

    static NodeLayout singleNode(String prefix, String zone) {
        return new NodeLayout(List.of(new SandboxNode(SandboxNetwork.NODE_NAME, prefix + "-node", "eth1",
                SandboxNetwork.NODE_IP, SandboxNetwork.EXTERNAL_IP, "br0", SandboxNetwork.POD_PREFIX,
                SandboxNetwork.NODE_POD_CIDR, 254, prefix + "-p", zoneOr(zone))), false, prefix + "-ext");
    }

    static NodeLayout multiNode(String prefix, List<ScenarioNode> listed, String defaultZone) {
        if (listed.size() > 200) {
            throw new IllegalArgumentException("at most 200 nodes");
        }
        List<SandboxNode> out = new ArrayList<>();
        for (int i = 1; i <= listed.size(); i++) {
            ScenarioNode n = listed.get(i - 1);
            boolean a = n.subnet().equals("A");
            out.add(new SandboxNode(n.name(), prefix + "-n" + i, "eth0", (a ? "192.168.10." : "192.168.20.") + i,
                    a ? SUBNET_A_ROUTER : SUBNET_B_ROUTER, "kube-bridge", "10.244." + i + ".", "10.244." + i + ".0/24",
                    254, prefix + "-n" + i + "p", n.zone() != null ? n.zone() : zoneOr(defaultZone)));
        }
        return new NodeLayout(out, true, prefix + "-wire");
    }

    List<SandboxNode> nodes() {
        return nodes;
    }

    /** The node a pod without {@code spec.nodeName} lands on, and the one {@code from: node} means. */
    SandboxNode first() {
        return nodes.getFirst();
    }

    /** The real node of that name, or null (single-node: a node that exists only on paper). */
    SandboxNode node(String name) {
        return byName.get(name);
    }

    SandboxNode requireNode(String name) {
        SandboxNode n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node " + name + " (nodes: " + String.join(", ", byName.keySet())
                    + ")");
        }
        return n;
    }

    boolean multiNode() {
        return multiNode;
    }

    /** Where {@code from: external} runs: the external host (single-node) or the wire namespace. */
    String externalNamespace() {
        return externalNamespace;
    }

    /** The addresses the external host sends from. */
    List<String> externalIps() {
        return multiNode ? List.of(SUBNET_A_ROUTER, SUBNET_B_ROUTER) : List.of(SandboxNetwork.EXTERNAL_IP);
    }

    /** For progress lines: the node namespace, or the nodes and their addresses. */
    String describe() {
        if (!multiNode) {
            return first().namespace();
        }
        return nodes.size() + " nodes (" + String.join(", ", nodes.stream()
                .map(n -> n.name() + " " + n.internalIp()).toList()) + ")";
    }

    private static String zoneOr(String zone) {
        return zone == null ? SandboxNetwork.DEFAULT_ZONE : zone;
    }
}
