package dev.junction.netpol.oracle;

import dev.junction.netpol.oracle.DirectionVerdict.Outcome;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one direction of a flow for one end. API reference, {@code NetworkPolicySpec.ingress}: "Traffic is allowed
 * to a pod if there are no NetworkPolicies selecting the pod (and cluster policy otherwise allows the traffic), OR
 * if the traffic source is the pod's local node, OR if the traffic matches at least one ingress rule across all of
 * the NetworkPolicy objects whose podSelector matches the pod"; {@code egress} likewise without the node clause.
 * Policies are a union, so their order does not matter; a policy selects pods of its own namespace only
 * ({@code podSelector}: "An empty podSelector selects all pods in this namespace").
 */
final class DirectionEvaluator {
    private static final LabelSelector EVERYTHING = new LabelSelector();

    private final Map<String, List<NetworkPolicy>> policiesByNamespace;

    /** @param policiesByNamespace valid policies, each list sorted by name */
    DirectionEvaluator(Map<String, List<NetworkPolicy>> policiesByNamespace) {
        this.policiesByNamespace = policiesByNamespace;
    }

    /**
     * @param subject the end whose {@code direction} is judged (source for egress, destination for ingress)
     * @param other the opposite end, matched against the rules' peers
     * @param destination the flow's destination, against which named ports resolve
     */
    DirectionVerdict evaluate(Direction direction, Endpoint subject, Endpoint other, Endpoint destination, int port,
                              String protocol) {
        switch (subject.kind()) {
            case NODE -> {
                return DirectionVerdict.of(direction, subject.label(), Outcome.OPEN, "the node is not a pod: not policed");
            }
            case EXTERNAL -> {
                return DirectionVerdict.of(direction, subject.label(), Outcome.OPEN, "not a pod: not policed");
            }
            case HOST_NETWORK_POD -> {
                return DirectionVerdict.of(direction, subject.label(), Outcome.OPEN, "host-network pod: not policed");
            }
            case POD -> { }
        }
        if (direction == Direction.INGRESS && subject.onLocalNode() && other.isLocalNodeTraffic()) {
            return DirectionVerdict.of(direction, subject.label(), Outcome.EXEMPT,
                    "allowed — traffic from the local node is always allowed (kubelet probes)");
        }
        List<PolicyEvaluation> evaluations = new ArrayList<>();
        for (NetworkPolicy policy : policiesByNamespace.getOrDefault(subject.namespace(), List.of())) {
            NetworkPolicySpec spec = spec(policy);
            LabelSelector selector = spec.getPodSelector() == null ? EVERYTHING : spec.getPodSelector();
            if (direction.isAffectedBy(spec) && LabelSelectors.matches(selector, subject.podLabels())) {
                List<PolicyRule> rules = direction.rules(spec);
                evaluations.add(new PolicyEvaluation(PolicyText.name(policy), rules.size(),
                        firstMatch(direction, rules, PolicyText.namespace(policy), other, destination, port, protocol)));
            }
        }
        if (evaluations.isEmpty()) {
            return DirectionVerdict.of(direction, subject.label(), Outcome.OPEN,
                    "no policy selects this pod for " + direction.field() + ": open");
        }
        boolean allowed = evaluations.stream().anyMatch(e -> e.match().isPresent());
        return new DirectionVerdict(direction, subject.label(), allowed ? Outcome.ALLOWED : Outcome.DENIED, "",
                evaluations);
    }

    private static Optional<RuleMatch> firstMatch(Direction direction, List<PolicyRule> rules, String namespace,
                                                  Endpoint other, Endpoint destination, int port, String protocol) {
        for (int r = 0; r < rules.size(); r++) {
            PolicyRule rule = rules.get(r);
            int peer = -1;
            if (!rule.peers().isEmpty()) {
                peer = indexOfFirst(rule.peers().size(), i -> PeerMatcher.matches(rule.peers().get(i), namespace, other));
                if (peer < 0) {
                    continue;
                }
            }
            int entry = -1;
            if (!rule.ports().isEmpty()) {
                entry = indexOfFirst(rule.ports().size(),
                        i -> PortMatcher.matches(rule.ports().get(i), port, protocol, destination));
                if (entry < 0) {
                    continue;
                }
            }
            String peerText = peer < 0 ? (direction == Direction.INGRESS ? "any source" : "any destination")
                    : PolicyText.peer(rule.peers().get(peer));
            String portText = entry < 0 ? "any port" : PolicyText.port(rule.ports().get(entry));
            return Optional.of(new RuleMatch(r, peer, peerText, entry, portText));
        }
        return Optional.empty();
    }

    private static int indexOfFirst(int size, java.util.function.IntPredicate test) {
        for (int i = 0; i < size; i++) {
            if (test.test(i)) {
                return i;
            }
        }
        return -1;
    }

    static NetworkPolicySpec spec(NetworkPolicy policy) {
        return policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    }
}
