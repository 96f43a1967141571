package dev.junction.model;

import java.util.Map;
import java.util.Optional;

/**
 * What changed since the last {@link ClusterStore#takeChanges()}: the current state of every service that
 * changed (services, their slices or both), and whether the node changed.
 *
 * @param services current state of each changed service, sorted by key
 * @param triggerMillis for each changed service, when the oldest change not yet programmed happened (epoch
 *     ms; the EndpointSlice's last-change-trigger-time when it had one) — feeds the network programming
 *     latency metric
 * @param nodeChanged the agent's Node changed (labels, addresses): every service must be recompiled
 * @param node the agent's Node, if known
 */
public record Changes(
        Map<ServiceKey, ServiceState> services, Map<ServiceKey, Long> triggerMillis, boolean nodeChanged, Optional<Node> node) {
    public Changes {
        services = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(services));
        triggerMillis = Map.copyOf(triggerMillis);
    }

    public boolean isEmpty() {
        return services.isEmpty() && !nodeChanged;
    }
}
