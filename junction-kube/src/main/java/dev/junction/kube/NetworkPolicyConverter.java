package dev.junction.kube;

import static dev.junction.kube.Fields.list;
import static dev.junction.kube.Fields.quote;

import dev.junction.model.policy.LabelSelector;
import dev.junction.model.policy.NetworkPolicy;
import dev.junction.model.policy.PolicyRule;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fabric8 {@code networking.k8s.io/v1} NetworkPolicy into the model's {@link NetworkPolicy}, checking every
 * field the API server validates (a manifest folder has no API server in front of it).
 *
 * <p><b>Rejected</b>, as a whole, at the first invalid field, with a reason naming it (such as
 * {@code spec.ingress[0].from[1].ipBlock.except[0]: 10.1.0.0/16 is not inside 10.0.0.0/16}). A policy cannot be
 * applied in part: dropping one bad peer would deny traffic the author allowed, dropping one bad except would allow
 * traffic the author denied. The feeder then keeps the last valid version.
 *
 * <p><b>policyTypes</b>: as given; when empty, the API server's default ({@code SetDefaults_NetworkPolicy}): Ingress
 * always, and Egress when {@code spec.egress} has at least one rule ({@code len(spec.Egress) != 0}, so an empty
 * {@code egress: []} does not isolate for egress).
 *
 * <p>Rules of a direction the policy does not isolate have no effect in the API; they are validated, then left
 * out of the model, so the compiler cannot apply them by mistake. A null spec or podSelector is the zero value the
 * API server would have stored: the empty selector, i.e. every pod of the namespace.
 */
public final class NetworkPolicyConverter {

    /** Never throws for a non-null object, whatever its fields hold. */
    public Conversion<NetworkPolicy> convert(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy) {
        try {
            return doConvert(policy);
        } catch (InvalidObject e) {
            return Conversion.rejected(e.getMessage());
        }
    }

    private Conversion<NetworkPolicy> doConvert(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy) {
        ObjectMeta meta = policy.getMetadata();
        Fields.requireNamespacedName(meta);
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        LabelSelector podSelector = Selectors.convert(spec.getPodSelector(), "spec.podSelector");
        List<String> types = list(spec.getPolicyTypes());
        boolean isolatesIngress = types.isEmpty();
        boolean isolatesEgress = types.isEmpty() && !list(spec.getEgress()).isEmpty();
        if (types.size() > 2) {
            throw new InvalidObject("spec.policyTypes: " + types.size() + " entries; at most Ingress and Egress");
        }
        for (int i = 0; i < types.size(); i++) {
            switch (types.get(i) == null ? "" : types.get(i)) {
                case "Ingress" -> isolatesIngress = true;
                case "Egress" -> isolatesEgress = true;
                default -> throw new InvalidObject("spec.policyTypes[" + i + "]: " + quote(types.get(i))
                        + " is not Ingress or Egress");
            }
        }
        List<PolicyRule> ingress = ingressRules(list(spec.getIngress()));
        List<PolicyRule> egress = egressRules(list(spec.getEgress()));
        return Conversion.accepted(new NetworkPolicy(meta.getNamespace(), meta.getName(),
                podSelector == null ? LabelSelector.EVERYTHING : podSelector, isolatesIngress, isolatesEgress,
                isolatesIngress ? ingress : List.of(), isolatesEgress ? egress : List.of()), List.of());
    }

    private static List<PolicyRule> ingressRules(List<NetworkPolicyIngressRule> raw) {
        List<PolicyRule> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "spec.ingress[" + i + "]";
            NetworkPolicyIngressRule r = raw.get(i);
            if (r == null) {
                throw new InvalidObject(field + ": is null");
            }
            out.add(new PolicyRule(PolicyPeers.parse(list(r.getFrom()), field + ".from"),
                    PolicyPorts.parse(list(r.getPorts()), field + ".ports")));
        }
        return out;
    }

    private static List<PolicyRule> egressRules(List<NetworkPolicyEgressRule> raw) {
        List<PolicyRule> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "spec.egress[" + i + "]";
            NetworkPolicyEgressRule r = raw.get(i);
            if (r == null) {
                throw new InvalidObject(field + ": is null");
            }
            out.add(new PolicyRule(PolicyPeers.parse(list(r.getTo()), field + ".to"),
                    PolicyPorts.parse(list(r.getPorts()), field + ".ports")));
        }
        return out;
    }
}
