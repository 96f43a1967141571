package dev.junction.agent.sandbox;

/**
 * One node the sandbox really builds: a namespace with an uplink to the external side, a pod bridge, and the
 * addresses its agent and pods use.
 *
 * @param name        the Node name, the agent's {@code --hostname-override}
 * @param namespace   its network namespace
 * @param uplink      the interface towards the external host / wire ({@code eth1} single-node, {@code eth0} else)
 * @param internalIp  the Node's InternalIP, on the uplink (a /24)
 * @param gateway     the other side of the uplink: the external host or the wire's router address
 * @param bridge      the pod bridge ({@code br0} single-node, {@code kube-bridge} as kube-router names it)
 * @param podPrefix   the first three octets of pod addresses on the bridge ({@code "10.244.N."}); the bridge is .1/24
 * @param podCidr     the pod CIDR published in the Node object (single-node: the lower half of the bridge subnet)
 * @param lastPodHost the highest last octet this node's own pods may get
 * @param podNamespacePrefix its pods' namespaces are this plus the last octet of their address
 * @param zone        the default {@code topology.kubernetes.io/zone} label (a Node manifest can override it)
 */
record SandboxNode(String name, String namespace, String uplink, String internalIp, String gateway, String bridge,
                   String podPrefix, String podCidr, int lastPodHost, String podNamespacePrefix,
                   String zone) {

    static final int FIRST_POD_HOST = 2;

    String bridgeIp() {
        return podPrefix + "1";
    }

    /** The bridge subnet, a /24 (holds the pod CIDR). */
    String bridgeSubnet() {
        return podPrefix + "0/24";
    }

    /** Namespace of this node's pod with address {@code podPrefix + host}; names stay short (ip netns limits). */
    String podNamespace(int host) {
        return podNamespacePrefix + host;
    }
}
