package dev.junction.model.policy;

import java.util.List;

/**
 * A networking.k8s.io/v1 NetworkPolicy, validated.
 *
 * @param ingress the policy isolates the selected pods for ingress (policyTypes, or implied)
 * @param egress the policy isolates the selected pods for egress
 */
public record NetworkPolicy(String namespace, String name, LabelSelector podSelector, boolean ingress, boolean egress,
        List<PolicyRule> ingressRules, List<PolicyRule> egressRules) {
    public NetworkPolicy {
        ingressRules = List.copyOf(ingressRules);
        egressRules = List.copyOf(egressRules);
    }

    public String key() {
        return namespace + "/" + name;
    }
}
