package dev.junction.proxy.compile;

import dev.junction.model.Service;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which endpoints a service port sends traffic to, for cluster-wide and for node-local traffic: kube-proxy's
 * {@code CategorizeEndpoints}, written once for every data plane.
 *
 * <ul>
 *   <li>A set uses its ready, non-terminating endpoints; if it has none, it falls back to endpoints that are
 *       serving and terminating (KEP-1669). The fallback applies to the cluster and the local set separately,
 *       so an eTP=Local node whose only local pod is draining keeps serving it while its load-balancer health
 *       check (local <em>ready</em> endpoints only) fails.
 *   <li>Topology hints narrow the cluster set only, and only if every usable endpoint carries hints and at
 *       least one hint names this node (or its zone); otherwise they are ignored (KEP-2433, KEP-3015).
 * </ul>
 */
public final class EndpointCategorizer {
    private EndpointCategorizer() {}

    /**
     * @param cluster targets for traffic under the Cluster policy
     * @param local targets on this node, for the Local policies
     * @param hasAny some endpoint anywhere can take traffic: without one, traffic is rejected (the client learns
     *     at once); with one, but none that a Local policy may use, it is dropped (as kube-proxy does)
     */
    public record Categorized(List<Target> cluster, List<Target> local, boolean hasAny) {}

    public static Categorized categorize(List<Target> all, Service svc, String nodeName, String zone) {
        // Sorted by address and port; the same address and port twice (two slices naming one endpoint) counts once.
        List<Target> sorted = new java.util.ArrayList<>(all);
        sorted.sort(null);
        for (int i = sorted.size() - 1; i > 0; i--) {
            if (sorted.get(i).compareTo(sorted.get(i - 1)) == 0) {
                sorted.remove(i);
            }
        }
        List<Target> cluster = choose(sorted, t -> true);
        cluster = applyTopology(cluster, svc.topology(), nodeName, zone);
        List<Target> local = choose(sorted, t -> t.isLocal(nodeName));
        return new Categorized(cluster, local, !cluster.isEmpty() || !local.isEmpty());
    }

    private static List<Target> choose(List<Target> targets, Predicate<Target> where) {
        List<Target> usable = targets.stream().filter(where).filter(t -> t.endpoint().usable()).toList();
        if (!usable.isEmpty()) {
            return usable;
        }
        return targets.stream().filter(where).filter(t -> t.endpoint().fallback()).toList();
    }

    private static List<Target> applyTopology(List<Target> cluster, Service.Topology topology, String nodeName, String zone) {
        if (topology == Service.Topology.NONE || cluster.isEmpty()) {
            return cluster;
        }
        if (topology == Service.Topology.SAME_NODE) {
            boolean allHinted = cluster.stream().allMatch(t -> !t.endpoint().nodeHints().isEmpty());
            List<Target> same = cluster.stream().filter(t -> t.endpoint().nodeHints().contains(nodeName)).toList();
            if (allHinted && !same.isEmpty()) {
                return same;
            }
        }
        if (zone.isEmpty()) {
            return cluster;
        }
        boolean allHinted = cluster.stream().allMatch(t -> !t.endpoint().zoneHints().isEmpty());
        List<Target> same = cluster.stream().filter(t -> t.endpoint().zoneHints().contains(zone)).toList();
        return allHinted && !same.isEmpty() ? same : cluster;
    }
}
