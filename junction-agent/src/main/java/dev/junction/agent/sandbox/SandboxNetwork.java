package dev.junction.agent.sandbox;

/**
 * The single-node sandbox's fixed address plan (one node, its pod bridge and the external host) and what every
 * agent gets (cluster CIDR, service ranges, healthz port). The multi-node plan is in {@link NodeLayout}.
 */
public final class SandboxNetwork {

    /** The node the agent runs as ({@code --hostname-override}). */
    public static final String NODE_NAME = "sandbox-node";
    /** The node's InternalIP, on the veth to the external namespace. */
    public static final String NODE_IP = "192.168.77.2";
    /** The external host, the other end of that veth. */
    public static final String EXTERNAL_IP = "192.168.77.1";
    public static final int WIRE_PREFIX = 24;
    /** The bridge's subnet; the bridge holds the first address and is every pod's gateway. */
    public static final String POD_CIDR = "10.244.0.0/24";
    /**
     * The sandbox node's own pod CIDR: the lower half of the bridge subnet. Pods bound to other (paper) nodes sit
     * on the same bridge but take addresses from the upper half, as a remote node's pods have addresses of its
     * own pod CIDR (they count down from .254); the firewall treats an address of this node's pod CIDR that is no
     * local pod as a pod not yet set up.
     */
    public static final String NODE_POD_CIDR = "10.244.0.0/25";
    public static final String POD_PREFIX = "10.244.0.";
    public static final String BRIDGE_IP = "10.244.0.1";
    public static final String CLUSTER_CIDR = "10.244.0.0/16";
    public static final String SERVICE_CIDR = "10.96.0.0/12";
    /** externalIPs / LoadBalancer IPs used by scenarios (routed from the external host to the node). */
    public static final String EXTERNAL_IP_RANGE = "203.0.113.0/24";
    public static final String EXTRA_EXTERNAL_RANGE = "198.51.100.0/24";
    public static final int HEALTHZ_PORT = 10256;
    public static final String DEFAULT_ZONE = "zone-a";

    private SandboxNetwork() {
    }
}
