package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

/**
 * Whether one {@code from}/{@code to} entry matches the other end of a flow. API reference,
 * {@code NetworkPolicyPeer}:
 * <ul>
 *   <li>{@code podSelector} alone: "selects Pods in the same Namespace as the NetworkPolicy";</li>
 *   <li>{@code namespaceSelector} alone: "selects all Pods in the Namespaces selected by namespaceSelector";</li>
 *   <li>both: "selects particular Pods within particular Namespaces" (an AND, in one entry);</li>
 *   <li>{@code ipBlock}: "policy on a particular IPBlock" - the address is in {@code cidr} and in no
 *       {@code except}.</li>
 * </ul>
 *
 * <p><b>Decision, ipBlock and pod IPs.</b> The concept page says ipBlock is meant for cluster-external IPs and
 * that whether it matches pod IPs is implementation-defined. This oracle matches {@code ipBlock} by address for
 * <em>every</em> kind of end - pods, host-network pods, the node and external addresses - as kube-router and
 * Calico do.
 *
 * <p><b>Decision, host-network pods and the node.</b> Selectors match only pods on the pod network. A host-network
 * pod is seen as traffic of its node's address (the concept page's "treated as node traffic" option, "the most
 * common implementation"): selectors never match it, {@code ipBlock} matches its address. The node and external
 * addresses are likewise matched by {@code ipBlock} only.
 */
final class PeerMatcher {
    private PeerMatcher() {}

    /** Whether {@code peer}, in a policy of namespace {@code policyNamespace}, matches {@code other}. */
    static boolean matches(NetworkPolicyPeer peer, String policyNamespace, Endpoint other) {
        if (peer.getIpBlock() != null) {
            return inBlock(peer.getIpBlock(), other);
        }
        if (other.kind() != Endpoint.Kind.POD) {
            return false;
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? policyNamespace.equals(other.namespace())
                : LabelSelectors.matches(peer.getNamespaceSelector(), other.namespaceLabels());
        return namespaceMatches
                && (peer.getPodSelector() == null || LabelSelectors.matches(peer.getPodSelector(), other.podLabels()));
    }

    private static boolean inBlock(IPBlock block, Endpoint other) {
        if (!CidrBlock.parse(block.getCidr()).contains(other.ip())) {
            return false;
        }
        if (block.getExcept() != null) {
            for (String except : block.getExcept()) {
                if (CidrBlock.parse(except).contains(other.ip())) {
                    return false;
                }
            }
        }
        return true;
    }
}
