package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Makes a generated policy invalid in one of the ways {@link PolicyValidator} names, for invalid-policy parity. */
final class RandomDefects {
    private RandomDefects() {}

    /** Adds one ingress rule carrying one defect. */
    static void spoil(NetworkPolicy policy, RandomGenerator random) {
        NetworkPolicyPeer peer = new NetworkPolicyPeer();
        peer.setIpBlock(new IPBlock("10.0.0.0/16", List.of()));
        NetworkPolicyIngressRule rule = new NetworkPolicyIngressRule(new ArrayList<>(List.of(peer)), new ArrayList<>());
        switch (random.nextInt(5)) {
            case 0 -> peer.setIpBlock(new IPBlock("10.0.0.0/33", List.of()));
            case 1 -> peer.setIpBlock(new IPBlock("10.0.0.0/16", List.of("10.1.0.0/24")));
            case 2 -> rule.getPorts().add(RandomPolicies.policyPort("ICMP", new IntOrString(80), null));
            case 3 -> rule.getPorts().add(RandomPolicies.policyPort("TCP", new IntOrString(81), 80));
            default -> rule.getPorts().add(RandomPolicies.policyPort("TCP", new IntOrString("http"), 81));
        }
        List<NetworkPolicyIngressRule> rules = new ArrayList<>(policy.getSpec().getIngress());
        rules.add(rule);
        policy.getSpec().setIngress(rules);
    }
}
