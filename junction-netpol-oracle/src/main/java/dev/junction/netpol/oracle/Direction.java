package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * A policy direction: ingress (traffic into the selected pod, peers in {@code from}) or egress (traffic out of it,
 * peers in {@code to}).
 */
public enum Direction {
    INGRESS("Ingress", "ingress", "from"),
    EGRESS("Egress", "egress", "to");

    private final String policyType;
    private final String field;
    private final String peersField;

    Direction(String policyType, String field, String peersField) {
        this.policyType = policyType;
        this.field = field;
        this.peersField = peersField;
    }

    /** The value in {@code spec.policyTypes}: {@code Ingress} or {@code Egress}. */
    public String policyType() {
        return policyType;
    }

    /** The rule list's field name, {@code ingress} or {@code egress}, also used in explanations. */
    public String field() {
        return field;
    }

    /** The peer list's field name in a rule: {@code from} or {@code to}. */
    public String peersField() {
        return peersField;
    }

    /**
     * Whether a policy affects this direction. API reference, {@code NetworkPolicySpec.policyTypes}: "If this field
     * is not specified, it will default based on the existence of ingress or egress rules; policies that contain an
     * egress section are assumed to affect egress, and all policies (whether or not they contain an ingress section)
     * are assumed to affect ingress." An empty list counts as not specified (the API server defaults both alike),
     * and "contains an egress section" means at least one egress rule.
     */
    boolean isAffectedBy(NetworkPolicySpec spec) {
        List<String> types = spec.getPolicyTypes();
        if (types == null || types.isEmpty()) {
            return this == INGRESS || !empty(spec.getEgress());
        }
        return types.contains(policyType);
    }

    /** The policy's rules for this direction, in order (an absent list and {@code []} both give no rules). */
    List<PolicyRule> rules(NetworkPolicySpec spec) {
        if (this == INGRESS) {
            List<NetworkPolicyIngressRule> rules = spec.getIngress() == null ? List.of() : spec.getIngress();
            return rules.stream().map(r -> new PolicyRule(nullToEmpty(r.getFrom()), nullToEmpty(r.getPorts()))).toList();
        }
        List<NetworkPolicyEgressRule> rules = spec.getEgress() == null ? List.of() : spec.getEgress();
        return rules.stream().map(r -> new PolicyRule(nullToEmpty(r.getTo()), nullToEmpty(r.getPorts()))).toList();
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
