package dev.junction.router.plan;

import dev.junction.bgp.wire.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel routes for the speaker's best paths (kube-router §6 "Route injection"): a next hop on one of our
 * subnets is reached directly; one outside needs the overlay ({@link OverlayMode#SUBNET}), or is left to the
 * upstream router, which learned the route by BGP too ({@link OverlayMode#NONE}); {@link OverlayMode#FULL}
 * tunnels everything. A route whose next hop is one of our own addresses is our own prefix coming back, never
 * installed. Outputs are sorted by destination so two plans compare with {@code equals}.
 */
public final class KernelRoutePlan {
    private KernelRoutePlan() {}

    /** What to install; {@code skipped} says for each route left out why. */
    public record Desired(List<DirectRoute> direct, List<TunnelRoute> tunnel, List<String> skipped) {
        public Desired {
            direct = List.copyOf(direct);
            tunnel = List.copyOf(tunnel);
            skipped = List.copyOf(skipped);
        }
    }

    public static Desired compute(List<LearnedRoute> bests, List<LocalSubnet> localSubnets, OverlayMode mode) {
        Set<InetAddress> own = new HashSet<>();
        localSubnets.forEach(s -> own.add(s.address()));
        List<LearnedRoute> sorted = new ArrayList<>(bests);
        sorted.sort(Comparator.comparing(LearnedRoute::prefix, Prefix.ORDER)
                .thenComparing(LearnedRoute::nextHop, Addresses.ADDRESS_ORDER));
        List<DirectRoute> direct = new ArrayList<>();
        List<TunnelRoute> tunnel = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (LearnedRoute r : sorted) {
            String route = r.prefix() + " via " + Addresses.text(r.nextHop());
            if (own.contains(r.nextHop())) {
                skipped.add(route + ": the next hop is this node's own address");
                continue;
            }
            boolean onLink = localSubnets.stream().anyMatch(s -> s.contains(r.nextHop()));
            switch (mode) {
                case FULL -> tunnel.add(new TunnelRoute(r.prefix(), r.nextHop()));
                case SUBNET -> {
                    if (onLink) direct.add(new DirectRoute(r.prefix(), r.nextHop()));
                    else tunnel.add(new TunnelRoute(r.prefix(), r.nextHop()));
                }
                case NONE -> {
                    if (onLink) direct.add(new DirectRoute(r.prefix(), r.nextHop()));
                    else skipped.add(route + ": the next hop is outside every local subnet and the overlay is off; left to the upstream router");
                }
            }
        }
        return new Desired(direct, tunnel, skipped);
    }
}
