package dev.junction.model.policy;

import java.util.List;

/**
 * One ingress or egress rule: traffic matches if it matches some peer (or {@code peers} is empty: every peer)
 * and some port (or {@code ports} is empty: every port).
 */
public record PolicyRule(List<PolicyPeer> peers, List<PolicyPort> ports) {
    public PolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
