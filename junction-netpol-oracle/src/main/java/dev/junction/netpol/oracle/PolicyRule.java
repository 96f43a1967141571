package dev.junction.netpol.oracle;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;

/**
 * One ingress or egress rule, direction-neutral. API reference, {@code NetworkPolicyIngressRule}: "The traffic
 * must match both ports and from"; {@code from}/{@code to}: "If this field is empty or missing, this rule matches
 * all sources (traffic not restricted by source)"; {@code ports}: "If this field is empty or missing, this rule
 * matches all ports".
 *
 * @param peers the rule's {@code from} (ingress) or {@code to} (egress) list, never null
 * @param ports the rule's {@code ports} list, never null
 */
record PolicyRule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {}
