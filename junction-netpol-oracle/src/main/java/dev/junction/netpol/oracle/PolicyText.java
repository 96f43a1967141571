package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How explanations write policies, peers and ports. */
final class PolicyText {
    private PolicyText() {}

    /** {@code namespace/name}; a policy without a namespace is in {@code default}. */
    static String name(NetworkPolicy policy) {
        return namespace(policy) + "/" + policy.getMetadata().getName();
    }

    static String namespace(NetworkPolicy policy) {
        return Objects.requireNonNullElse(policy.getMetadata().getNamespace(), "default");
    }

    /**
     * A peer: {@code podSelector app=web}, {@code namespaceSelector team=a}, {@code namespaceSelector team=a and
     * podSelector app=web}, {@code ipBlock 172.17.0.0/16 except 172.17.1.0/24}.
     */
    static String peer(NetworkPolicyPeer peer) {
        IPBlock block = peer.getIpBlock();
        if (block != null) {
            List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
            return "ipBlock " + block.getCidr() + (except.isEmpty() ? "" : " except " + String.join(", ", except));
        }
        List<String> parts = new ArrayList<>();
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespaceSelector " + LabelSelectors.render(peer.getNamespaceSelector()));
        }
        if (peer.getPodSelector() != null) {
            parts.add("podSelector " + LabelSelectors.render(peer.getPodSelector()));
        }
        return String.join(" and ", parts);
    }

    /** A port entry: {@code port 80/TCP}, {@code ports 32000-32768/TCP}, {@code port http/TCP}, {@code any UDP port}. */
    static String port(NetworkPolicyPort entry) {
        String protocol = Objects.requireNonNullElse(entry.getProtocol(), "TCP");
        IntOrString p = entry.getPort();
        if (p == null || (p.getIntVal() == null && p.getStrVal() == null)) {
            return "any " + protocol + " port";
        }
        if (p.getIntVal() != null && entry.getEndPort() != null) {
            return "ports " + p.getIntVal() + "-" + entry.getEndPort() + "/" + protocol;
        }
        return "port " + (p.getIntVal() != null ? p.getIntVal().toString() : p.getStrVal()) + "/" + protocol;
    }
}
