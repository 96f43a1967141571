package dev.junction.model;

import java.util.List;
import java.util.Map;

/**
 * A cluster Node, as far as the proxy and the router care.
 *
 * @param annotations metadata.annotations: the router reads its per-node BGP settings from {@code kube-router.io/*}
 * @param addresses the InternalIP (then ExternalIP) addresses of status.addresses, in order
 * @param podCidrs spec.podCIDRs
 * @param draining the node has a deletionTimestamp or the ToBeDeletedByClusterAutoscaler taint: /healthz then
 *     answers 503 so that load balancers drain it (KEP-3836)
 */
public record Node(String name, Map<String, String> labels, Map<String, String> annotations, List<Ip> addresses,
                   List<Cidr> podCidrs, boolean draining) {
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    public Node {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        addresses = List.copyOf(addresses);
        podCidrs = List.copyOf(podCidrs);
    }

    /** A node without annotations, for callers that do not read them. */
    public Node(String name, Map<String, String> labels, List<Ip> addresses, List<Cidr> podCidrs, boolean draining) {
        this(name, labels, Map.of(), addresses, podCidrs, draining);
    }

    public String zone() {
        return labels.getOrDefault(ZONE_LABEL, "");
    }
}
