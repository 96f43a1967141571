package dev.junction.model;

import java.util.List;
import java.util.Map;

/**
 * The agent's own Node, as far as the proxy cares.
 *
 * @param addresses the InternalIP (then ExternalIP) addresses of status.addresses, in order
 * @param podCidrs spec.podCIDRs
 * @param draining the node has a deletionTimestamp or the ToBeDeletedByClusterAutoscaler taint: /healthz then
 *     answers 503 so that load balancers drain it (KEP-3836)
 */
public record Node(String name, Map<String, String> labels, List<Ip> addresses, List<Cidr> podCidrs, boolean draining) {
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    public Node {
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
        podCidrs = List.copyOf(podCidrs);
    }

    public String zone() {
        return labels.getOrDefault(ZONE_LABEL, "");
    }
}
