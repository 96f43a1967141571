package dev.junction.agent.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until the routers of a multi-node sandbox have converged: every node has a route of the agent's protocol
 * (244) to every other node's pod CIDR and, with the external BIRD, the wire has BIRD's routes to all of them.
 * Healthy agents have synced the API but their BGP sessions may still be opening; probing before this would
 * measure the race, not the routing.
 */
final class MeshConvergence {

    private static final Duration POLL = Duration.ofMillis(200);

    private MeshConvergence() {
    }

    /** Polls until converged or {@code timeout}; returns the routes still missing (empty = converged). */
    static List<String> await(NodeLayout layout, boolean externalRouter, Duration timeout, OwnedResources owned) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = missing(layout, externalRouter, owned);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            missing = missing(layout, externalRouter, owned);
        }
        return missing;
    }

    static List<String> missing(NodeLayout layout, boolean externalRouter, OwnedResources owned) {
        List<String> missing = new ArrayList<>();
        for (SandboxNode node : layout.nodes()) {
            String routes = routes(node.namespace(), "244", owned);
            for (SandboxNode other : layout.nodes()) {
                if (other != node && !hasRoute(routes, other.podCidr())) {
                    missing.add(node.name() + " -> " + other.podCidr());
                }
            }
        }
        if (externalRouter) {
            String routes = routes(layout.externalNamespace(), "bird", owned);
            for (SandboxNode node : layout.nodes()) {
                if (!hasRoute(routes, node.podCidr())) {
                    missing.add("bird -> " + node.podCidr());
                }
            }
        }
        return missing;
    }

    private static String routes(String namespace, String proto, OwnedResources owned) {
        return Exec.run(List.of("ip", "-n", namespace, "route", "show", "proto", proto), null,
                Duration.ofSeconds(5), owned).stdout();
    }

    private static boolean hasRoute(String routes, String cidr) {
        return routes.lines().anyMatch(l -> l.startsWith(cidr + " "));
    }
}
