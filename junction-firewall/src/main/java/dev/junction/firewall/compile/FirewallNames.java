package dev.junction.firewall.compile;

import dev.junction.nft.desired.HashedNames;

/** Names of the firewall's nftables objects (table {@code junction-firewall} of each family). */
public final class FirewallNames {
    public static final String TABLE = "junction-firewall";
    public static final String FORWARD = "forward";
    public static final String INPUT = "input";
    public static final String LOCAL_PODS = "local-pods";
    public static final String POD_CIDRS = "pod-cidrs";
    public static final String INGRESS_PODS = "ingress-pods";
    public static final String EGRESS_PODS = "egress-pods";
    /** kube-router logs dropped packets to NFLOG group 100. */
    public static final int NFLOG_GROUP = 100;

    private FirewallNames() {}

    static String ingressChain(String podKey) {
        return HashedNames.hashed("ingress-", podKey);
    }

    static String egressChain(String podKey) {
        return HashedNames.hashed("egress-", podKey);
    }

    static String peerSet(PeerKey k) {
        return "peers-" + HashedNames.hash8(k.canonical());
    }

    static String blockSet(String canonical) {
        return "block-" + HashedNames.hash8(canonical);
    }

    static String namedSet(String canonical) {
        return "named-" + HashedNames.hash8(canonical);
    }
}
