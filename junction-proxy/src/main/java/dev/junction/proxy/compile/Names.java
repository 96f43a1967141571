package dev.junction.proxy.compile;

import dev.junction.nft.desired.HashedNames;

/**
 * Names of Junction's nftables objects. Static objects have fixed names; per-service objects are
 * {@code <prefix><hash>-<readable key>}, kube-proxy's scheme: the readable part tells an operator what a chain
 * is for, the hash of the full key keeps names unique when the readable part is cut to the length limit or
 * sanitised.
 */
public final class Names {
    public static final String TABLE = "junction";

    // Base chains, at kube-proxy's priorities (the documented integration points for other tables).
    public static final String FILTER_PREROUTING = "filter-prerouting";
    public static final String FILTER_INPUT = "filter-input";
    public static final String FILTER_FORWARD = "filter-forward";
    public static final String FILTER_OUTPUT = "filter-output";
    public static final String FILTER_OUTPUT_POST_DNAT = "filter-output-post-dnat";
    public static final String NAT_PREROUTING = "nat-prerouting";
    public static final String NAT_OUTPUT = "nat-output";
    public static final String NAT_POSTROUTING = "nat-postrouting";

    // Static regular chains.
    public static final String SERVICES = "services";
    public static final String SERVICE_ENDPOINTS_CHECK = "service-endpoints-check";
    public static final String NODEPORT_ENDPOINTS_CHECK = "nodeport-endpoints-check";
    public static final String FIREWALL_CHECK = "firewall-check";
    public static final String CLUSTER_IPS_CHECK = "cluster-ips-check";
    public static final String REJECT_CHAIN = "reject-chain";
    public static final String MARK_FOR_MASQUERADE = "mark-for-masquerade";
    public static final String MASQUERADING = "masquerading";

    // Shared sets and maps: the data that changes.
    public static final String SERVICE_IPS = "service-ips";
    public static final String SERVICE_NODEPORTS = "service-nodeports";
    public static final String NODEPORT_IPS = "nodeport-ips";
    public static final String NO_ENDPOINT_SERVICES = "no-endpoint-services";
    public static final String NO_ENDPOINT_NODEPORTS = "no-endpoint-nodeports";
    public static final String FIREWALL_IPS = "firewall-ips";
    public static final String CLUSTER_IPS = "cluster-ips";
    public static final String EXTERNAL_MASQUERADE = "external-masquerade";
    public static final String NODEPORT_MASQUERADE = "nodeport-masquerade";
    public static final String HAIRPIN = "hairpin";

    // Per-service prefixes.
    public static final String SERVICE_PREFIX = "service-";
    public static final String LOCAL_PREFIX = "local-";
    public static final String EXTERNAL_PREFIX = "external-";
    public static final String FIREWALL_PREFIX = "firewall-";
    public static final String ENDPOINT_PREFIX = "endpoint-";
    public static final String AFFINITY_PREFIX = "affinity-";

    /**
     * The chain that picks one of {@code n} endpoints of a frontend, and the map it picks from. One per
     * (variant, protocol, n), shared by every service: a service's endpoints are elements of the map, so an
     * endpoint change is an element change, and no rule of the table needs rewriting.
     *
     * @param local the Local-policy variant, used for the node-local endpoints of an eTP=Local frontend, whose
     *     key also names a set of cluster endpoints in the other variant
     */
    public static String selectChain(boolean local, String proto, int n) {
        return (local ? "local-select-" : "select-") + proto + "-" + n;
    }

    public static String backendsMap(boolean local, String proto, int n) {
        return (local ? "local-backends-" : "backends-") + proto + "-" + n;
    }

    /** Masquerade mark bit 14, as kube-proxy: other components look for this bit. */
    public static final String MASQ_MARK = "0x4000";

    /** {@code prefix + HASH8 + "-" + key}: see {@link HashedNames}. */
    public static String hashed(String prefix, String key) {
        return HashedNames.hashed(prefix, key);
    }
}
