package dev.junction.kube;

import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.Cidr;
import dev.junction.model.policy.PolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rule's {@code from} / {@code to} entries as the API server does ({@code ValidateNetworkPolicyPeer},
 * {@code ValidateIPBlock}); the first problem stops the conversion.
 */
final class PolicyPeers {
    private PolicyPeers() {}

    /** @param field the list's path, such as {@code spec.ingress[0].from} */
    static List<PolicyPeer> parse(List<NetworkPolicyPeer> raw, String field) {
        List<PolicyPeer> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(peer(raw.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static PolicyPeer peer(NetworkPolicyPeer p, String field) {
        if (p == null) {
            throw new InvalidObject(field + ": is null");
        }
        boolean selector = p.getPodSelector() != null || p.getNamespaceSelector() != null;
        if (p.getIpBlock() != null) {
            if (selector) {
                throw new InvalidObject(field + ": ipBlock may not be combined with podSelector or namespaceSelector");
            }
            return ipBlock(p.getIpBlock(), field + ".ipBlock");
        }
        if (!selector) {
            // An empty peer would otherwise read as "every pod", the opposite of what a half-written rule means.
            throw new InvalidObject(field + ": must specify podSelector, namespaceSelector or ipBlock");
        }
        return new PolicyPeer.Pods(Selectors.convert(p.getPodSelector(), field + ".podSelector"),
                Selectors.convert(p.getNamespaceSelector(), field + ".namespaceSelector"));
    }

    /**
     * Every except must be a strict subset of cidr, as the API server demands ("Except values will be rejected if
     * they are outside the cidr range"): an except of the other family or outside the block would carve nothing out,
     * and the author surely meant to exclude something.
     */
    private static PolicyPeer.IpBlock ipBlock(IPBlock b, String field) {
        Cidr cidr = cidr(b.getCidr(), field + ".cidr");
        List<String> raw = list(b.getExcept());
        List<Cidr> except = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = field + ".except[" + i + "]";
            String text = raw.get(i);
            Cidr e = cidr(text, at);
            if (e.family() != cidr.family()) {
                throw new InvalidObject(at + ": " + text + " is not of the family of cidr " + b.getCidr());
            }
            if (!cidr.contains(e.network()) || e.prefix() < cidr.prefix()) {
                throw new InvalidObject(at + ": " + text + " is not inside " + b.getCidr());
            }
            if (e.prefix() == cidr.prefix()) {
                throw new InvalidObject(at + ": " + text + " is all of " + b.getCidr() + ", not a strict subset");
            }
            except.add(e);
        }
        return new PolicyPeer.IpBlock(cidr, except);
    }

    /**
     * {@code address/prefix}; host bits are allowed and cleared, as the API server still admits them for this
     * legacy field (KEP-4858 only warns). A bare address is refused: the API server does not read it as a /32.
     */
    private static Cidr cidr(String text, String field) {
        Cidr c = text == null || text.indexOf('/') < 0 ? null : Cidr.parse(text).orElse(null);
        if (c == null) {
            throw new InvalidObject(field + ": " + quote(text) + " is not a CIDR");
        }
        return c;
    }
}
